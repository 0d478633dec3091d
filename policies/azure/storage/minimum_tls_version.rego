# METADATA
# title: "Storage account requires TLS 1.2 or later"
# description: "TLS 1.0 and 1.1 have known weaknesses; requiring TLS 1.2 rejects clients that would negotiate them."
# custom:
#   id: azure.storage.minimum_tls_version
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.15"]
#     pci-dss-4.0: ["4.2.1"]
#     hipaa: ["164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8(1)", "SC-13"]
#   remediation:
#     text: "Set the minimum TLS version to TLS 1.2."
#     cli: "az storage account update --name <account> --resource-group <rg> --min-tls-version TLS1_2"
#     terraform: "resource \"azurerm_storage_account\" \"x\" { min_tls_version = \"TLS1_2\" }"
package parapet.rules.azure.storage.minimum_tls_version

import data.parapet.lib
import data.parapet.lib.azure

accepted := {"TLS1_2", "TLS1_3"}

deny contains lib.finding(input.resource, msg, {"minimumTlsVersion": version}) if {
	# Without the property the service accepts TLS 1.0.
	version := object.get(azure.props(input.resource), "minimumTlsVersion", "TLS1_0")
	not version in accepted
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " accepts TLS below 1.2: minimumTlsVersion is ", lib.fmt_s(version)])
}
