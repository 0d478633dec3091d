# METADATA
# title: "Defender for Cloud has an additional security contact email"
# description: "A security team mailbox as additional contact makes sure alerts reach the responders, not only the subscription owners."
# custom:
#   id: azure.defender.security_contact_email
#   severity: low
#   resource_types: ["microsoft.security/securitycontacts"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.18"]
#     pci-dss-4.0: ["12.10.1"]
#     hipaa: ["164.308(a)(6)(ii)"]
#     nist-800-53-r5: ["IR-6"]
#   remediation:
#     text: "Set 'Additional email addresses' to the security team's mailbox."
#     cli: "az security contact create --name default --email secops@example.com"
package parapet.rules.azure.defender.security_contact_email

import data.parapet.lib
import data.parapet.lib.azure

emails := [e |
	some c in azure.resources_of(input, "microsoft.security/securitycontacts")
	some e in split(object.get(azure.props(c), "emails", object.get(azure.props(c), "email", "")), ";")
	trim_space(e) != ""
]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"emails": ""}) if {
	count(emails) == 0
	msg := sprintf("subscription %s has no security contact email (emails is empty)", [input.account.id])
}
