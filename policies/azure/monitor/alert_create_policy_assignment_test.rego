package parapet.rules.azure.monitor.alert_create_policy_assignment_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.monitor.alert_create_policy_assignment as rule

alert(op, scope, enabled) := fx.res("microsoft.insights/activitylogalerts", "alert-create-policy-assignment", {"location": "global", "properties": {
	"enabled": enabled,
	"scopes": [scope],
	"condition": {"allOf": [{"field": "category", "equals": "Administrative"}, {"field": "operationName", "equals": op}]},
	"actions": {"actionGroups": [{"actionGroupId": "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourcegroups/rg-ops/providers/microsoft.insights/actiongroups/secops"}]},
}})

fail_none := fx.ain({"microsoft.insights/activitylogalerts": []})

fail_disabled := fx.ain({"microsoft.insights/activitylogalerts": [alert("Microsoft.Authorization/policyAssignments/write", fx.sub_id, false)]})

fail_other_operation := fx.ain({"microsoft.insights/activitylogalerts": [alert("Microsoft.Compute/virtualMachines/write", fx.sub_id, true)]})

fail_resource_group_scope := fx.ain({"microsoft.insights/activitylogalerts": [alert("Microsoft.Authorization/policyAssignments/write", concat("", [fx.sub_id, "/resourceGroups/rg-prod"]), true)]})

pass_alert := fx.ain({"microsoft.insights/activitylogalerts": [alert("microsoft.authorization/policyassignments/write", fx.sub_id, true)]})

test_no_alert_fails if count(rule.deny) == 1 with input as fail_none

test_disabled_alert_fails if count(rule.deny) == 1 with input as fail_disabled

test_other_operation_fails if count(rule.deny) == 1 with input as fail_other_operation

test_resource_group_scope_fails if count(rule.deny) == 1 with input as fail_resource_group_scope

test_enabled_alert_passes if count(rule.deny) == 0 with input as pass_alert

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "0000")
	contains(f.msg, "Microsoft.Authorization/policyAssignments/write")
}
