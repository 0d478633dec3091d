# METADATA
# title: "Defender for Cloud integration with Microsoft Defender for Cloud Apps is on"
# description: "The MCAS setting shares data between Defender for Cloud and Microsoft Defender for Cloud Apps, so its protection and alerts cover the subscription."
# custom:
#   id: azure.defender.cloud_apps_integration
#   severity: medium
#   resource_types: ["microsoft.security/settings"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.20"]
#     pci-dss-4.0: ["11.5.1"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["SI-4"]
#   remediation:
#     text: "Turn on the Microsoft Defender for Cloud Apps integration (Defender for Cloud > Environment settings > Integrations)."
#     cli: "az security setting update --name MCAS --enabled true"
package parapet.rules.azure.defender.cloud_apps_integration

import data.parapet.lib
import data.parapet.lib.azure

setting := "MCAS"

states := [object.get(azure.props(s), "enabled", false) |
	some s in azure.resources_of(input, "microsoft.security/settings")
	lower(object.get(s, ["config", "name"], s.name)) == lower(setting)
]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"setting": setting, "enabled": states}) if {
	not true in states
	msg := sprintf("subscription %s: Defender for Cloud setting %s is not enabled (enabled %s)", [input.account.id, setting, azure.text(states)])
}
