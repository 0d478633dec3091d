package parapet.rules.azure.defender.security_contact_owner_notified_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.security_contact_owner_notified as rule

contact(p) := fx.sub_res("microsoft.security/securitycontacts", "default", {"properties": p})

fail_admins_only := fx.ain({"microsoft.security/securitycontacts": [contact({"emails": "secops@contoso.com", "notificationsByRole": {"state": "On", "roles": ["AccountAdmin"]}})]})

fail_off := fx.ain({"microsoft.security/securitycontacts": [contact({"notificationsByRole": {"state": "Off", "roles": ["Owner"]}})]})

fail_no_contact := fx.ain({"microsoft.security/securitycontacts": []})

pass_owner := fx.ain({"microsoft.security/securitycontacts": [contact({"notificationsByRole": {"state": "On", "roles": ["Owner", "ServiceAdmin"]}})]})

test_admins_only_fails if count(rule.deny) == 1 with input as fail_admins_only

test_off_fails if count(rule.deny) == 1 with input as fail_off

test_no_contact_fails if count(rule.deny) == 1 with input as fail_no_contact

test_owner_passes if count(rule.deny) == 0 with input as pass_owner

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_admins_only
	contains(f.msg, "0000")
	contains(f.msg, "AccountAdmin")
}
