# METADATA
# title: "Storage account disables public network access"
# description: "With public network access disabled the account is reachable only through private endpoints, removing its Internet-facing endpoint."
# custom:
#   id: azure.storage.public_network_access_disabled
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.7"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(e)(1)"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#   remediation:
#     text: "Set 'Public network access' to Disabled and reach the account through private endpoints."
#     cli: "az storage account update --name <account> --resource-group <rg> --public-network-access Disabled"
package parapet.rules.azure.storage.public_network_access_disabled

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"publicNetworkAccess": value}) if {
	value := object.get(azure.props(input.resource), "publicNetworkAccess", "Enabled")
	value != "Disabled"
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " allows public network access: publicNetworkAccess is ", lib.fmt_s(value)])
}
