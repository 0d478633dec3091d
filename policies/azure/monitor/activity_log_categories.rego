# METADATA
# title: "Activity Log export includes Administrative, Alert, Policy and Security events"
# description: "The subscription diagnostic setting must export the Administrative, Alert, Policy and Security categories, which hold resource changes, fired alerts, policy decisions and Defender events."
# custom:
#   id: azure.monitor.activity_log_categories
#   severity: medium
#   resource_types: ["parapet.azure/diagnosticsetting"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["5.1.2"]
#     pci-dss-4.0: ["10.2.1", "10.2.1.2", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Enable the Administrative, Alert, Policy and Security categories in the subscription diagnostic setting."
package parapet.rules.azure.monitor.activity_log_categories

import data.parapet.lib
import data.parapet.lib.azure

required := ["Administrative", "Alert", "Policy", "Security"]

settings := azure.diagnostic_settings(azure.resources_of(input, "parapet.azure/diagnosticsetting"), azure.subscription_id(input.account))

deny contains lib.finding(azure.subscription_id(input.account), msg, {"missingCategories": missing}) if {
	missing := [c | some c in required; not azure.logs_enabled(settings, [c])]
	count(missing) > 0
	msg := sprintf("subscription %s does not export Activity Log categories %s", [input.account.id, azure.text(missing)])
}
