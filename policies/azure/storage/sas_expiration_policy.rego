# METADATA
# title: "Storage account limits SAS tokens to one hour"
# description: "A SAS expiration policy caps the validity of shared access signatures, so a leaked token stops working within an hour."
# custom:
#   id: azure.storage.sas_expiration_policy
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.6"]
#     pci-dss-4.0: ["8.6.3"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["AC-3", "IA-5"]
#   remediation:
#     text: "Set a SAS expiration policy of at most 1 hour (0.01:00:00)."
#     cli: "az storage account update --name <account> --resource-group <rg> --sas-exp 0.01:00:00"
package parapet.rules.azure.storage.sas_expiration_policy

import data.parapet.lib
import data.parapet.lib.azure

# sasExpirationPeriod is "D.HH:MM:SS".
period_seconds(period) := seconds(0, period) if not contains(period, ".")

period_seconds(period) := seconds(to_number(parts[0]), parts[1]) if {
	parts := split(period, ".")
	count(parts) == 2
}

seconds(days, hms) := ((((days * 24) + to_number(t[0])) * 3600) + (to_number(t[1]) * 60)) + to_number(t[2]) if {
	t := split(hms, ":")
}

deny contains lib.finding(input.resource, msg, {"sasPolicy": null}) if {
	not azure.props(input.resource).sasPolicy
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " has no SAS expiration policy (sasPolicy is null)"])
}

deny contains lib.finding(input.resource, msg, {"sasPolicy": policy}) if {
	policy := azure.props(input.resource).sasPolicy
	period_seconds(policy.sasExpirationPeriod) > 3600
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " allows SAS tokens valid for ", lib.fmt_s(policy.sasExpirationPeriod), " (more than 1 hour)"])
}
