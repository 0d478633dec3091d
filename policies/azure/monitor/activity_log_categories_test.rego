package parapet.rules.azure.monitor.activity_log_categories_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.monitor.activity_log_categories as rule

activity(name, categories) := fx.diag(fx.sub_id, name, fx.logs(categories))

fail_admin_only := fx.ain({"parapet.azure/diagnosticsetting": [activity("activity", ["Administrative"])]})

fail_none := fx.ain({"parapet.azure/diagnosticsetting": []})

pass_split_settings := fx.ain({"parapet.azure/diagnosticsetting": [activity("ops", ["Administrative", "Alert"]), activity("sec", ["Policy", "Security"])]})

fail_security_disabled := fx.ain({"parapet.azure/diagnosticsetting": [fx.diag(fx.sub_id, "all", [
	{"category": "Administrative", "enabled": true},
	{"category": "Alert", "enabled": true},
	{"category": "Policy", "enabled": true},
	{"category": "Security", "enabled": false},
])]})

test_admin_only_fails if count(rule.deny) == 1 with input as fail_admin_only

test_no_setting_fails if count(rule.deny) == 1 with input as fail_none

test_disabled_category_fails if count(rule.deny) == 1 with input as fail_security_disabled

test_categories_across_settings_pass if count(rule.deny) == 0 with input as pass_split_settings

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_admin_only
	contains(f.msg, "0000")
	contains(f.msg, "Alert")
	contains(f.msg, "Security")
}
