# METADATA
# title: "Storage account disallows anonymous blob access"
# description: "With anonymous (public) blob access allowed, any container can be made readable by anyone on the Internet without credentials."
# custom:
#   id: azure.storage.blob_anonymous_access_disabled
#   severity: high
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.17"]
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["AC-3", "AC-6", "SC-7"]
#   remediation:
#     text: "Set 'Allow Blob anonymous access' to Disabled."
#     cli: "az storage account update --name <account> --resource-group <rg> --allow-blob-public-access false"
#     terraform: "resource \"azurerm_storage_account\" \"x\" { allow_nested_items_to_be_public = false }"
package parapet.rules.azure.storage.blob_anonymous_access_disabled

import data.parapet.lib
import data.parapet.lib.azure

# Accounts created before this date treat an unset allowBlobPublicAccess as true.
secure_default_since := "2023-11-01"

deny contains lib.finding(input.resource, msg, {"allowBlobPublicAccess": true}) if {
	azure.props(input.resource).allowBlobPublicAccess == true
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " allows anonymous blob access: allowBlobPublicAccess is true"])
}

deny contains lib.finding(input.resource, msg, {"allowBlobPublicAccess": null, "creationTime": created}) if {
	p := azure.props(input.resource)
	not "allowBlobPublicAccess" in object.keys(p)
	created := object.get(p, "creationTime", "")
	created < secure_default_since
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " allows anonymous blob access: the setting is unset on an account created ", lib.fmt_s(created)])
}
