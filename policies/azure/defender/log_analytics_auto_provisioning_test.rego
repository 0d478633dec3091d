package parapet.rules.azure.defender.log_analytics_auto_provisioning_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.log_analytics_auto_provisioning as rule

setting(state) := fx.sub_res("microsoft.security/autoprovisioningsettings", "default", {"properties": {"autoProvision": state}})

fail_off := fx.ain({"microsoft.security/autoprovisioningsettings": [setting("Off")]})

fail_absent := fx.ain({"microsoft.security/autoprovisioningsettings": []})

pass_on := fx.ain({"microsoft.security/autoprovisioningsettings": [setting("On")]})

test_off_fails if count(rule.deny) == 1 with input as fail_off

test_absent_fails if count(rule.deny) == 1 with input as fail_absent

test_on_passes if count(rule.deny) == 0 with input as pass_on

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_off
	contains(f.msg, "0000")
	contains(f.msg, "Off")
}
