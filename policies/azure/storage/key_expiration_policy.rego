# METADATA
# title: "Storage account has a key expiration (rotation reminder) policy"
# description: "A key expiration policy makes Azure flag account keys older than the set period, so stale shared keys are rotated instead of living forever."
# custom:
#   id: azure.storage.key_expiration_policy
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.3"]
#     pci-dss-4.0: ["3.7.4"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["IA-5(1)", "SC-12"]
#   remediation:
#     text: "Set a key expiration period of 90 days or less (Access keys > Set rotation reminder)."
#     cli: "az storage account update --name <account> --resource-group <rg> --key-exp-days 90"
package parapet.rules.azure.storage.key_expiration_policy

import data.parapet.lib
import data.parapet.lib.azure

max_days := 90

deny contains lib.finding(input.resource, msg, {"keyPolicy": policy}) if {
	policy := object.get(azure.props(input.resource), "keyPolicy", null)
	not object.get(policy, "keyExpirationPeriodInDays", null)
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " has no key expiration policy (keyPolicy is ", azure.text(policy), ")"])
}

deny contains lib.finding(input.resource, msg, {"keyPolicy": policy}) if {
	policy := object.get(azure.props(input.resource), "keyPolicy", {})
	days := object.get(policy, "keyExpirationPeriodInDays", 0)
	days > max_days
	msg := sprintf("storage account %s lets keys live %d days before expiry reminders (more than %d)", [input.resource.name, days, max_days])
}
