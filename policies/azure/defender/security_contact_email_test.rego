package parapet.rules.azure.defender.security_contact_email_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.security_contact_email as rule

contact(p) := fx.sub_res("microsoft.security/securitycontacts", "default", {"properties": p})

fail_empty := fx.ain({"microsoft.security/securitycontacts": [contact({"emails": "", "notificationsByRole": {"state": "On", "roles": ["Owner"]}})]})

fail_no_contact := fx.ain({"microsoft.security/securitycontacts": []})

pass_email := fx.ain({"microsoft.security/securitycontacts": [contact({"emails": "secops@contoso.com;soc@contoso.com"})]})

pass_legacy_field := fx.ain({"microsoft.security/securitycontacts": [contact({"email": "secops@contoso.com"})]})

test_empty_fails if count(rule.deny) == 1 with input as fail_empty

test_no_contact_fails if count(rule.deny) == 1 with input as fail_no_contact

test_email_passes if count(rule.deny) == 0 with input as pass_email

test_legacy_email_field_passes if count(rule.deny) == 0 with input as pass_legacy_field

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_empty
	contains(f.msg, "0000")
	contains(f.msg, "empty")
}
