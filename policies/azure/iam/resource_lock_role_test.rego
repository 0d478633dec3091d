package parapet.rules.azure.iam.resource_lock_role_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.iam.resource_lock_role as rule

role(name, actions, scopes) := object.union(
	fx.res("microsoft.authorization/roledefinitions", name, {"properties": {
		"roleName": name,
		"type": "CustomRole",
		"permissions": [{"actions": actions, "notActions": []}],
		"assignableScopes": scopes,
	}}),
	{"id": concat("", [fx.sub_id, "/providers/microsoft.authorization/roledefinitions/", name])},
)

fail_none := fx.ain({"microsoft.authorization/roledefinitions": [role("VM Operator", ["Microsoft.Compute/virtualMachines/read"], [fx.sub_id])]})

pass_lock_admin := fx.ain({"microsoft.authorization/roledefinitions": [role("Resource Lock Administrator", ["Microsoft.Authorization/locks/*"], [fx.sub_id])]})

test_no_lock_role_fails if count(rule.deny) == 1 with input as fail_none

test_lock_role_passes if count(rule.deny) == 0 with input as pass_lock_admin

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "0000")
	contains(f.msg, "locks")
}
