package parapet.rules.azure.monitor.activity_log_diagnostic_setting_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.monitor.activity_log_diagnostic_setting as rule

activity(name, categories) := fx.diag(fx.sub_id, name, fx.logs(categories))

other_resource := "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourcegroups/rg-prod/providers/microsoft.keyvault/vaults/kv-prod"

fail_none := fx.ain({"parapet.azure/diagnosticsetting": []})

fail_only_resource_settings := fx.ain({"parapet.azure/diagnosticsetting": [fx.diag(other_resource, "kv", fx.logs(["AuditEvent"]))]})

pass_exported := fx.ain({"parapet.azure/diagnosticsetting": [activity("activity-to-law", ["Administrative"])]})

test_no_setting_fails if count(rule.deny) == 1 with input as fail_none

test_resource_settings_do_not_count if count(rule.deny) == 1 with input as fail_only_resource_settings

test_subscription_setting_passes if count(rule.deny) == 0 with input as pass_exported

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "0000")
	contains(f.msg, "0 settings")
}
