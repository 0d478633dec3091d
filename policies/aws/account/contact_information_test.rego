package parapet.rules.aws.account.contact_information_test

import data.parapet.rules.aws.account.contact_information

contact(config) := {"resource": {"id": "arn:aws:parapet:global:111122223333:contact-information", "type": "Parapet::Account::ContactInformation", "provider": "aws", "account": "111122223333", "region": "global", "config": config}, "facts": {}}

pass_complete := contact({"FullName": "Example Corp Cloud Team", "PhoneNumber": "+1-206-555-0100", "AddressLine1": "1 Main St", "City": "Seattle", "PostalCode": "98101", "CountryCode": "US", "CompanyName": "Example Corp"})

fail_empty := contact({})

fail_blank_phone := contact({"FullName": "Example Corp Cloud Team", "PhoneNumber": " ", "AddressLine1": "1 Main St", "CountryCode": "US"})

test_pass_with_complete_contact if {
	count(contact_information.deny) == 0 with input as pass_complete
}

test_fail_with_missing_contact if {
	some f in contact_information.deny with input as fail_empty
	contains(f.msg, "FullName, PhoneNumber, AddressLine1, CountryCode")
	some g in contact_information.deny with input as fail_blank_phone
	g.evidence.missing == ["PhoneNumber"]
}
