# METADATA
# title: "Auto provisioning of the Log Analytics agent is on"
# description: "With auto provisioning on, Defender for Cloud installs its monitoring agent on every new VM, so no machine goes unmonitored because someone forgot the agent."
# custom:
#   id: azure.defender.log_analytics_auto_provisioning
#   severity: medium
#   resource_types: ["microsoft.security/autoprovisioningsettings"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.14"]
#     pci-dss-4.0: ["10.2.1", "11.5.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["SI-4", "AU-12"]
#   remediation:
#     text: "Set auto provisioning 'default' to On (Defender for Cloud > Environment settings > Settings & monitoring)."
#     cli: "az security auto-provisioning-setting update --name default --auto-provision On"
package parapet.rules.azure.defender.log_analytics_auto_provisioning

import data.parapet.lib
import data.parapet.lib.azure

default_settings := [s |
	some s in azure.resources_of(input, "microsoft.security/autoprovisioningsettings")
	lower(object.get(s, ["config", "name"], s.name)) == "default"
]

states := [object.get(azure.props(s), "autoProvision", "Off") | some s in default_settings]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"autoProvision": states}) if {
	not "On" in states
	msg := sprintf("subscription %s: auto provisioning of the monitoring agent is not On (autoProvision %s)", [input.account.id, azure.text(states)])
}
