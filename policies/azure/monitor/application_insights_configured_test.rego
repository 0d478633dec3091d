package parapet.rules.azure.monitor.application_insights_configured_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.monitor.application_insights_configured as rule

fail_none := fx.ain({"microsoft.insights/components": []})

pass_component := fx.ain({"microsoft.insights/components": [fx.res("microsoft.insights/components", "appi-checkout", {"kind": "web", "properties": {"Application_Type": "web", "WorkspaceResourceId": fx.law_id}})]})

test_none_fails if count(rule.deny) == 1 with input as fail_none

test_component_passes if count(rule.deny) == 0 with input as pass_component

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "0000")
	contains(f.msg, "0 found")
}
