package parapet.rules.azure.defender.security_benchmark_policies_enabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.security_benchmark_policies_enabled as rule

assignment(parameters) := fx.sub_res("microsoft.authorization/policyassignments", "SecurityCenterBuiltIn", {"properties": {
	"displayName": "ASC Default (subscription: 00000000-0000-0000-0000-0000000000a1)",
	"policyDefinitionId": "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8",
	"enforcementMode": "Default",
	"parameters": parameters,
}})

fail_unassigned := fx.ain({"microsoft.authorization/policyassignments": []})

fail_disabled_effect := fx.ain({"microsoft.authorization/policyassignments": [assignment({"diskEncryptionMonitoringEffect": {"value": "Disabled"}, "useRbacRulesMonitoringEffect": {"value": "Audit"}})]})

pass_defaults := fx.ain({"microsoft.authorization/policyassignments": [assignment({"useRbacRulesMonitoringEffect": {"value": "Audit"}})]})

test_unassigned_fails if count(rule.deny) == 1 with input as fail_unassigned

test_disabled_effect_fails if count(rule.deny) == 1 with input as fail_disabled_effect

test_assigned_with_effects_passes if count(rule.deny) == 0 with input as pass_defaults

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_disabled_effect
	contains(f.msg, "SecurityCenterBuiltIn")
	contains(f.msg, "diskEncryptionMonitoringEffect")
	contains(f.msg, "Disabled")
}
