# METADATA
# title: "Storage account does not allow cross-tenant object replication"
# description: "Cross-tenant replication lets an object replication policy copy blobs into a storage account of another Entra tenant, a path for data exfiltration."
# custom:
#   id: azure.storage.cross_tenant_replication_disabled
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.16"]
#     pci-dss-4.0: ["7.2.1"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["AC-4", "AC-3"]
#   remediation:
#     text: "Set 'Allow cross-tenant replication' to disabled."
#     cli: "az storage account update --name <account> --resource-group <rg> --allow-cross-tenant-replication false"
package parapet.rules.azure.storage.cross_tenant_replication_disabled

import data.parapet.lib
import data.parapet.lib.azure

# Accounts created before this date treat an unset allowCrossTenantReplication as true.
secure_default_since := "2023-12-15"

deny contains lib.finding(input.resource, msg, {"allowCrossTenantReplication": true}) if {
	azure.props(input.resource).allowCrossTenantReplication == true
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " allows cross-tenant replication: allowCrossTenantReplication is true"])
}

deny contains lib.finding(input.resource, msg, {"allowCrossTenantReplication": null, "creationTime": created}) if {
	p := azure.props(input.resource)
	not "allowCrossTenantReplication" in object.keys(p)
	created := object.get(p, "creationTime", "")
	created < secure_default_since
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " allows cross-tenant replication: the setting is unset on an account created ", lib.fmt_s(created)])
}
