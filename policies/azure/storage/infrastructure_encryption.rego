# METADATA
# title: "Storage account uses infrastructure (double) encryption"
# description: "Infrastructure encryption adds a second layer of AES-256 encryption with a different key at the infrastructure level, so one compromised key or algorithm does not expose the data."
# custom:
#   id: azure.storage.infrastructure_encryption
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.2"]
#     pci-dss-4.0: ["3.5.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#   remediation:
#     text: "Infrastructure encryption can only be chosen at creation: create a new account with it enabled and move the data."
#     cli: "az storage account create --name <account> --resource-group <rg> --require-infrastructure-encryption"
#     terraform: "resource \"azurerm_storage_account\" \"x\" { infrastructure_encryption_enabled = true }"
package parapet.rules.azure.storage.infrastructure_encryption

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"encryption.requireInfrastructureEncryption": value}) if {
	value := object.get(azure.props(input.resource), ["encryption", "requireInfrastructureEncryption"], null)
	value != true
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " has no infrastructure encryption: requireInfrastructureEncryption is ", azure.text(value)])
}
