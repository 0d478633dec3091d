package parapet.rules.azure.defender.endpoint_integration_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.endpoint_integration as rule

setting(name, enabled) := fx.sub_res("microsoft.security/settings", name, {"kind": "DataExportSettings", "properties": {"enabled": enabled}})

fail_off := fx.ain({"microsoft.security/settings": [setting("WDATP", false)]})

fail_absent := fx.ain({"microsoft.security/settings": [setting("Sentinel", true)]})

pass_on := fx.ain({"microsoft.security/settings": [setting("WDATP", true)]})

test_off_fails if count(rule.deny) == 1 with input as fail_off

test_absent_fails if count(rule.deny) == 1 with input as fail_absent

test_on_passes if count(rule.deny) == 0 with input as pass_on

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_off
	contains(f.msg, "0000")
	contains(f.msg, "WDATP")
	contains(f.msg, "false")
}
