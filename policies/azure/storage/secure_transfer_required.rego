# METADATA
# title: "Storage account requires secure transfer (HTTPS)"
# description: "With secure transfer required, the storage account refuses requests over plain HTTP and SMB without encryption, so data and shared keys never cross the network in clear text."
# custom:
#   id: azure.storage.secure_transfer_required
#   severity: high
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.1"]
#     pci-dss-4.0: ["4.2.1"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#   remediation:
#     text: "Enable 'Secure transfer required' on the storage account."
#     cli: "az storage account update --name <account> --resource-group <rg> --https-only true"
#     terraform: "resource \"azurerm_storage_account\" \"x\" { https_traffic_only_enabled = true }"
package parapet.rules.azure.storage.secure_transfer_required

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"supportsHttpsTrafficOnly": value}) if {
	value := object.get(azure.props(input.resource), "supportsHttpsTrafficOnly", null)
	value != true
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " accepts plain HTTP: supportsHttpsTrafficOnly is ", azure.text(value)])
}
