# METADATA
# title: "Storage account encrypts with a customer-managed key"
# description: "A customer-managed key in Key Vault lets you control, rotate and revoke the key protecting the data instead of relying on a Microsoft-managed key."
# custom:
#   id: azure.storage.customer_managed_key
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.12"]
#     pci-dss-4.0: ["3.5.1", "3.6.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-12", "SC-28(1)"]
#   remediation:
#     text: "Configure encryption with a customer-managed key from Key Vault."
#     cli: "az storage account update --name <account> --resource-group <rg> --encryption-key-source Microsoft.Keyvault --encryption-key-vault <vault uri> --encryption-key-name <key>"
package parapet.rules.azure.storage.customer_managed_key

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"encryption.keySource": source}) if {
	source := object.get(azure.props(input.resource), ["encryption", "keySource"], "Microsoft.Storage")
	lower(source) != "microsoft.keyvault"
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " is encrypted with a Microsoft-managed key: encryption.keySource is ", lib.fmt_s(source)])
}
