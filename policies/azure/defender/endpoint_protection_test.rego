package parapet.rules.azure.defender.endpoint_protection_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.endpoint_protection as rule

vm := "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/vm-web-03"

assessment(key, name, status) := object.union(fx.res("microsoft.security/assessments", key, {"properties": {"displayName": name, "status": {"code": status}, "resourceDetails": {"Source": "Azure", "Id": vm}}}), {"id": concat("", [vm, "/providers/microsoft.security/assessments/", key])})

fail_missing := fx.ain({"microsoft.security/assessments": [assessment("4fb67663-9ab9-475d-b026-8c544cced439", "Endpoint protection should be installed on your machines", "Unhealthy")]})

fail_health_issues := fx.ain({"microsoft.security/assessments": [assessment("37a3689a-818e-4a0e-82ac-b1392b9bb000", "Endpoint protection health issues on machines should be resolved", "Unhealthy")]})

pass_healthy := fx.ain({"microsoft.security/assessments": [assessment("4fb67663-9ab9-475d-b026-8c544cced439", "Endpoint protection should be installed on your machines", "Healthy")]})

test_missing_protection_fails if count(rule.deny) == 1 with input as fail_missing

test_health_issues_fail if count(rule.deny) == 1 with input as fail_health_issues

test_healthy_passes if count(rule.deny) == 0 with input as pass_healthy

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_missing
	contains(f.msg, "vm-web-03")
	contains(f.msg, "Unhealthy")
}
