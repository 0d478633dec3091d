# METADATA
# title: "Defender for Cloud integration with Microsoft Defender for Endpoint is on"
# description: "The WDATP setting shares data between Defender for Cloud and Microsoft Defender for Endpoint, so its protection and alerts cover the subscription."
# custom:
#   id: azure.defender.endpoint_integration
#   severity: medium
#   resource_types: ["microsoft.security/settings"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.21"]
#     pci-dss-4.0: ["5.2.1", "11.5.1"]
#     hipaa: ["164.308(a)(5)(ii)(B)"]
#     nist-800-53-r5: ["SI-3", "SI-4"]
#   remediation:
#     text: "Turn on the Microsoft Defender for Endpoint integration (Defender for Cloud > Environment settings > Integrations)."
#     cli: "az security setting update --name WDATP --enabled true"
package parapet.rules.azure.defender.endpoint_integration

import data.parapet.lib
import data.parapet.lib.azure

setting := "WDATP"

states := [object.get(azure.props(s), "enabled", false) |
	some s in azure.resources_of(input, "microsoft.security/settings")
	lower(object.get(s, ["config", "name"], s.name)) == lower(setting)
]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"setting": setting, "enabled": states}) if {
	not true in states
	msg := sprintf("subscription %s: Defender for Cloud setting %s is not enabled (enabled %s)", [input.account.id, setting, azure.text(states)])
}
