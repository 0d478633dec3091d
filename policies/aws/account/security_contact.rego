# METADATA
# title: A security contact is registered for the account
# description: AWS sends security notifications to the security alternate contact; without one they reach only the root e-mail.
# custom:
#   id: aws.account.security_contact
#   severity: low
#   resource_types: [Parapet::Account::AlternateContacts]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.2"]
#     pci-dss-4.0: ["12.10.1", "12.10.3"]
#     nist-800-53-r5: ["IR-6"]
#     hipaa: ["164.308(a)(6)(ii)"]
#   remediation:
#     text: Register a SECURITY alternate contact with a monitored team address.
#     cli: aws account put-alternate-contact --alternate-contact-type SECURITY --email-address security@example.com --name "Security team" --phone-number +1-206-555-0100 --title Security
package parapet.rules.aws.account.security_contact

import data.parapet.lib

contacts := object.get(input.resource.config, "AlternateContacts", [])

deny contains lib.finding(input.resource, msg, {"registered_types": sort([c.AlternateContactType | some c in contacts])}) if {
	not has_security_contact
	msg := sprintf("account %s has no SECURITY alternate contact (registered: %s)", [input.resource.account, lib.show(sort([c.AlternateContactType | some c in contacts]))])
}

has_security_contact if {
	some c in contacts
	c.AlternateContactType == "SECURITY"
	trim_space(object.get(c, "EmailAddress", "")) != ""
}
