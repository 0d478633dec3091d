package parapet.rules.azure.iam.no_custom_owner_roles_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.iam.no_custom_owner_roles as rule

role(name, actions, scopes) := object.union(
	fx.res("microsoft.authorization/roledefinitions", name, {"properties": {
		"roleName": name,
		"type": "CustomRole",
		"permissions": [{"actions": actions, "notActions": []}],
		"assignableScopes": scopes,
	}}),
	{"id": concat("", [fx.sub_id, "/providers/microsoft.authorization/roledefinitions/", name])},
)

fail_subscription_owner := fx.ain({"microsoft.authorization/roledefinitions": [role("Contoso Sub Admin", ["*"], [fx.sub_id])]})

fail_root := fx.ain({"microsoft.authorization/roledefinitions": [role("Root Admin", ["*"], ["/"])]})

pass_narrow_actions := fx.ain({"microsoft.authorization/roledefinitions": [role("VM Operator", ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/read"], [fx.sub_id])]})

pass_resource_group_scope := fx.ain({"microsoft.authorization/roledefinitions": [role("RG Admin", ["*"], [concat("", [fx.sub_id, "/resourceGroups/rg-sandbox"])])]})

pass_built_in := fx.ain({"microsoft.authorization/roledefinitions": [object.union(role("Owner", ["*"], ["/"]), {"config": {"properties": {"type": "BuiltInRole"}}})]})

fail_management_group := fx.ain({"microsoft.authorization/roledefinitions": [role("MG Admin", ["*"], ["/providers/Microsoft.Management/managementGroups/contoso-root"])]})

test_subscription_wide_star_fails if count(rule.deny) == 1 with input as fail_subscription_owner

test_management_group_star_fails if count(rule.deny) == 1 with input as fail_management_group

test_root_scope_star_fails if count(rule.deny) == 1 with input as fail_root

test_narrow_actions_pass if count(rule.deny) == 0 with input as pass_narrow_actions

test_resource_group_scope_passes if count(rule.deny) == 0 with input as pass_resource_group_scope

test_built_in_roles_pass if count(rule.deny) == 0 with input as pass_built_in

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_subscription_owner
	contains(f.msg, "Contoso Sub Admin")
	contains(f.msg, "*")
}
