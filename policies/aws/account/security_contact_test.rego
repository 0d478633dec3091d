package parapet.rules.aws.account.security_contact_test

import data.parapet.rules.aws.account.security_contact

contacts(list) := {"resource": {"id": "arn:aws:parapet:global:111122223333:alternate-contacts", "type": "Parapet::Account::AlternateContacts", "provider": "aws", "account": "111122223333", "region": "global", "config": {"AlternateContacts": list}}, "facts": {}}

billing := {"AlternateContactType": "BILLING", "EmailAddress": "billing@example.com", "Name": "Billing", "PhoneNumber": "+1-206-555-0101", "Title": "Billing"}

security := {"AlternateContactType": "SECURITY", "EmailAddress": "security@example.com", "Name": "Security team", "PhoneNumber": "+1-206-555-0100", "Title": "Security"}

pass_security_registered := contacts([billing, security])

fail_billing_only := contacts([billing])

test_pass_with_security_contact if {
	count(security_contact.deny) == 0 with input as pass_security_registered
}

test_fail_without_security_contact if {
	some f in security_contact.deny with input as fail_billing_only
	f.resource == "arn:aws:parapet:global:111122223333:alternate-contacts"
	contains(f.msg, "no SECURITY alternate contact")
}
