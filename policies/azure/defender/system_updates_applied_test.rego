package parapet.rules.azure.defender.system_updates_applied_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.system_updates_applied as rule

vm := "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-app-01"

assessment(key, name, status) := object.union(
	fx.res("microsoft.security/assessments", key, {"properties": {
		"displayName": name,
		"status": {"code": status},
		"resourceDetails": {"Source": "Azure", "Id": vm},
	}}),
	{"id": concat("", [vm, "/providers/microsoft.security/assessments/", key])},
)

fail_unhealthy := fx.ain({"microsoft.security/assessments": [assessment("4ab6e3c5-74dd-8b35-9ab9-f61b30875b27", "System updates should be installed on your machines", "Unhealthy")]})

fail_unhealthy_by_name := fx.ain({"microsoft.security/assessments": [assessment("0c3a-new-key", "System updates should be installed on your machines (powered by Azure Update Manager)", "Unhealthy")]})

pass_healthy := fx.ain({"microsoft.security/assessments": [assessment("4ab6e3c5-74dd-8b35-9ab9-f61b30875b27", "System updates should be installed on your machines", "Healthy")]})

pass_other_unhealthy := fx.ain({"microsoft.security/assessments": [assessment("1195afff-c881-495e-9bc5-1486211ae03f", "Vulnerabilities in security configuration on your machines should be remediated", "Unhealthy")]})

test_unhealthy_fails if count(rule.deny) == 1 with input as fail_unhealthy

test_unhealthy_by_display_name_fails if count(rule.deny) == 1 with input as fail_unhealthy_by_name

test_healthy_passes if count(rule.deny) == 0 with input as pass_healthy

test_other_recommendations_pass if count(rule.deny) == 0 with input as pass_other_unhealthy

test_finding_names_the_machine if {
	some f in rule.deny with input as fail_unhealthy
	f.resource == vm
}

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_unhealthy
	contains(f.msg, "vm-app-01")
	contains(f.msg, "Unhealthy")
}
