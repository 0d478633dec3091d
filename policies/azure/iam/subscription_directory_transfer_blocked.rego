# METADATA
# title: "Subscriptions may neither leave nor enter the Entra ID directory"
# description: "With 'Subscription leaving/entering Microsoft Entra ID directory' set to Permit no one, a compromised owner cannot move a subscription (and its data) to a tenant they control, nor bring an unvetted one in."
# custom:
#   id: azure.iam.subscription_directory_transfer_blocked
#   severity: medium
#   resource_types: ["parapet.azure/subscriptionpolicy"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["1.24"]
#     pci-dss-4.0: ["7.2.1"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#   remediation:
#     text: "Set both subscription policies (leaving and entering the directory) to 'Permit no one' (Subscriptions > Manage policies)."
#     cli: "az rest --method put --url \"https://management.azure.com/providers/Microsoft.Subscription/policies/default?api-version=2021-10-01\" --body '{\"properties\":{\"blockSubscriptionsLeavingTenant\":true,\"blockSubscriptionsIntoTenant\":true}}'"
package parapet.rules.azure.iam.subscription_directory_transfer_blocked

import data.parapet.lib
import data.parapet.lib.azure

policies := azure.resources_of(input, "parapet.azure/subscriptionpolicy")

settings := ["blockSubscriptionsLeavingTenant", "blockSubscriptionsIntoTenant"]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"subscriptionPolicies": 0}) if {
	count(policies) == 0
	msg := sprintf("subscription %s: the tenant subscription policy was not collected (blockSubscriptionsLeavingTenant unknown)", [input.account.id])
}

deny contains lib.finding(azure.subscription_id(input.account), msg, {setting: value}) if {
	some p in policies
	some setting in settings
	value := object.get(azure.props(p), setting, false)
	value != true
	msg := sprintf("subscription %s: tenant policy %s is %s", [input.account.id, setting, azure.text(value)])
}
