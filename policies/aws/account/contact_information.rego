# METADATA
# title: The account has current contact details
# description: AWS uses the account contact to reach the owner about abuse or compromise; missing details delay the response.
# custom:
#   id: aws.account.contact_information
#   severity: low
#   resource_types: [Parapet::Account::ContactInformation]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.1"]
#     pci-dss-4.0: ["12.10.1"]
#     nist-800-53-r5: ["IR-6"]
#     hipaa: ["164.308(a)(6)(ii)"]
#   remediation:
#     text: Fill in the account's contact information (name, phone, address) with a monitored, role-based contact.
#     cli: aws account put-contact-information --contact-information FullName=...,PhoneNumber=...,AddressLine1=...,City=...,PostalCode=...,CountryCode=...
package parapet.rules.aws.account.contact_information

import data.parapet.lib

required := ["FullName", "PhoneNumber", "AddressLine1", "CountryCode"]

missing := [field |
	some field in required
	trim_space(object.get(input.resource.config, field, "")) == ""
]

deny contains lib.finding(input.resource, msg, {"missing": missing}) if {
	count(missing) > 0
	msg := sprintf("account %s contact information lacks %s", [input.resource.account, concat(", ", missing)])
}
