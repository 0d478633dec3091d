# METADATA
# title: "A custom role exists for administering resource locks"
# description: "A dedicated role that can only manage resource locks lets you take lock administration away from broad roles, so a lock actually protects against deletion by ordinary contributors."
# custom:
#   id: azure.iam.resource_lock_role
#   severity: low
#   resource_types: ["microsoft.authorization/roledefinitions"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["1.23"]
#     pci-dss-4.0: ["7.2.2"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#     nist-800-53-r5: ["AC-6"]
#   remediation:
#     text: "Create a custom role with Microsoft.Authorization/locks/* actions and assign it to the lock administrators."
#     cli: "az role definition create --role-definition @resource-lock-administrator.json"
package parapet.rules.azure.iam.resource_lock_role

import data.parapet.lib
import data.parapet.lib.azure

lock_actions := {"microsoft.authorization/locks/*", "microsoft.authorization/locks/write", "microsoft.authorization/locks/delete"}

lock_role if {
	some r in azure.resources_of(input, "microsoft.authorization/roledefinitions")
	azure.props(r).type == "CustomRole"
	some permission in azure.props(r).permissions
	some action in permission.actions
	lower(action) in lock_actions
}

deny contains lib.finding(azure.subscription_id(input.account), msg, {"customRolesWithLockActions": 0}) if {
	not lock_role
	msg := sprintf("subscription %s has no custom role for administering resource locks (no custom role grants Microsoft.Authorization/locks/*)", [input.account.id])
}
