# METADATA
# title: "A diagnostic setting exports the subscription Activity Log"
# description: "The Activity Log keeps control-plane events only 90 days in the portal; a subscription diagnostic setting exports it to a workspace, storage account or Event Hub for retention, alerting and investigation."
# custom:
#   id: azure.monitor.activity_log_diagnostic_setting
#   severity: high
#   resource_types: ["parapet.azure/diagnosticsetting"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["5.1.1"]
#     pci-dss-4.0: ["10.2.1", "10.2.2", "10.3.3", "10.5.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-6", "AU-12"]
#   remediation:
#     text: "Create a diagnostic setting on the subscription that sends the Activity Log to a Log Analytics workspace or storage account."
#     cli: "az monitor diagnostic-settings subscription create --name activity-log --location <region> --workspace <workspace id> --logs '[{\"category\":\"Administrative\",\"enabled\":true}]'"
package parapet.rules.azure.monitor.activity_log_diagnostic_setting

import data.parapet.lib
import data.parapet.lib.azure

settings := [s |
	some s in azure.diagnostic_settings(azure.resources_of(input, "parapet.azure/diagnosticsetting"), azure.subscription_id(input.account))
	azure.has_destination(s)
]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"subscriptionDiagnosticSettings": 0}) if {
	count(settings) == 0
	msg := sprintf("subscription %s has no diagnostic setting exporting its Activity Log (0 settings with a destination)", [input.account.id])
}
