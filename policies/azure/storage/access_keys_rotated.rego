# METADATA
# title: "Storage account access keys were regenerated within 90 days"
# description: "Shared account keys grant full control of the data; regenerating them periodically limits how long a leaked key stays useful. Accounts with shared key access disabled pass."
# custom:
#   id: azure.storage.access_keys_rotated
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.4"]
#     pci-dss-4.0: ["3.7.4", "8.3.9"]
#     hipaa: ["164.308(a)(5)(ii)(D)"]
#     nist-800-53-r5: ["IA-5(1)", "SC-12"]
#   remediation:
#     text: "Regenerate key1 and key2 (switching clients to the other key in between), or disable shared key access and use Entra ID."
#     cli: "az storage account keys renew --account-name <account> --resource-group <rg> --key primary"
package parapet.rules.azure.storage.access_keys_rotated

import data.parapet.lib
import data.parapet.lib.azure

import data.parapet.lib.dates

max_days := 90

deny contains lib.finding(input.resource, msg, {"key": key, "keyCreationTime": created}) if {
	p := azure.props(input.resource)
	object.get(p, "allowSharedKeyAccess", true) != false
	some key, created in object.get(p, "keyCreationTime", {})
	dates.older_than_days(created, max_days, time.now_ns())
	msg := sprintf("storage account %s: access key %s was created %s, %d days ago (more than %d)", [input.resource.name, key, created, dates.age_days(created, time.now_ns()), max_days])
}
