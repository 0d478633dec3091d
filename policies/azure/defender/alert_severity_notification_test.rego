package parapet.rules.azure.defender.alert_severity_notification_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.alert_severity_notification as rule

contact(p) := fx.sub_res("microsoft.security/securitycontacts", "default", {"properties": p})

fail_off := fx.ain({"microsoft.security/securitycontacts": [contact({"alertNotifications": {"state": "Off", "minimalSeverity": "High"}})]})

fail_no_contact := fx.ain({"microsoft.security/securitycontacts": []})

fail_critical_only := fx.ain({"microsoft.security/securitycontacts": [contact({"isEnabled": true, "notificationsSources": [{"sourceType": "Alert", "minimalSeverity": "Critical"}]})]})

pass_high := fx.ain({"microsoft.security/securitycontacts": [contact({"alertNotifications": {"state": "On", "minimalSeverity": "High"}})]})

pass_new_api_medium := fx.ain({"microsoft.security/securitycontacts": [contact({"isEnabled": true, "notificationsSources": [{"sourceType": "AttackPath", "minimalRiskLevel": "Critical"}, {"sourceType": "Alert", "minimalSeverity": "Medium"}]})]})

test_off_fails if count(rule.deny) == 1 with input as fail_off

test_no_contact_fails if count(rule.deny) == 1 with input as fail_no_contact

test_critical_only_fails if count(rule.deny) == 1 with input as fail_critical_only

test_high_passes if count(rule.deny) == 0 with input as pass_high

test_medium_threshold_passes if count(rule.deny) == 0 with input as pass_new_api_medium

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_critical_only
	contains(f.msg, "0000")
	contains(f.msg, "Critical")
}
