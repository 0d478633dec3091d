# METADATA
# title: "Storage account holding the Activity Log uses a customer-managed key"
# description: "The storage account that receives the exported Activity Log holds the audit trail of the whole subscription; a customer-managed key lets you control and revoke access to it."
# custom:
#   id: azure.monitor.activity_log_storage_cmk
#   severity: medium
#   resource_types: ["parapet.azure/diagnosticsetting", "microsoft.storage/storageaccounts"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["5.1.3"]
#     pci-dss-4.0: ["10.3.2", "3.6.1"]
#     hipaa: ["164.312(b)", "164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["AU-9", "SC-28(1)"]
#   remediation:
#     text: "Configure the destination storage account with encryption by a Key Vault key."
#     cli: "az storage account update --name <account> --resource-group <rg> --encryption-key-source Microsoft.Keyvault --encryption-key-vault <vault uri> --encryption-key-name <key>"
package parapet.rules.azure.monitor.activity_log_storage_cmk

import data.parapet.lib
import data.parapet.lib.azure

destinations contains lower(s.config.properties.storageAccountId) if {
	some s in azure.diagnostic_settings(azure.resources_of(input, "parapet.azure/diagnosticsetting"), azure.subscription_id(input.account))
	object.get(s, ["config", "properties", "storageAccountId"], "") != ""
}

deny contains lib.finding(sa, msg, {"encryption.keySource": source}) if {
	some sa in azure.resources_of(input, "microsoft.storage/storageaccounts")
	lower(sa.id) in destinations
	source := object.get(azure.props(sa), ["encryption", "keySource"], "Microsoft.Storage")
	lower(source) != "microsoft.keyvault"
	msg := sprintf("storage account %s holds the Activity Log but is encrypted with keySource %s", [sa.name, source])
}
