# METADATA
# title: "Defender External Attack Surface Management is enabled"
# description: "An EASM workspace continuously discovers the internet-facing assets of the organisation, including forgotten ones, so they can be inventoried and assessed."
# custom:
#   id: azure.defender.easm_enabled
#   severity: medium
#   resource_types: ["microsoft.easm/workspaces"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.22"]
#     pci-dss-4.0: ["11.3.2", "12.5.1"]
#     hipaa: ["164.308(a)(1)(ii)(A)"]
#     nist-800-53-r5: ["RA-5", "CM-8"]
#   remediation:
#     text: "Create a Defender EASM workspace and seed it with the organisation's domains and IP ranges."
package parapet.rules.azure.defender.easm_enabled

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(azure.subscription_id(input.account), msg, {"easmWorkspaces": 0}) if {
	count(azure.resources_of(input, "microsoft.easm/workspaces")) == 0
	msg := sprintf("subscription %s has no Defender EASM workspace (0 found)", [input.account.id])
}
