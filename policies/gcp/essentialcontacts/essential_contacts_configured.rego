# METADATA
# title: Essential Contacts cover the required notification categories
# description: >-
#   CIS GCP 1.16: Google sends security, legal, suspension and technical notices to
#   Essential Contacts; without them critical notices reach nobody who acts.
# custom:
#   id: gcp.essentialcontacts.essential_contacts_configured
#   severity: low
#   resource_types: [essentialcontacts.googleapis.com/Contact]
#   scope: account
#   frameworks:
#     cis-gcp-3.0.0: ["1.16"]
#     pci-dss-4.0: ["12.10.1", "12.10.3"]
#     hipaa: ["164.308(a)(6)(ii)"]
#     nist-800-53-r5: ["IR-6", "IR-7"]
#   remediation:
#     text: "Add Essential Contacts (preferably at organization level) subscribed to LEGAL, SECURITY, SUSPENSION, TECHNICAL and TECHNICAL_INCIDENTS, or to ALL."
#     cli: "gcloud essential-contacts create --email=secops@example.com --notification-categories=security,legal,suspension,technical,technical-incidents --organization=ORG_ID"
package parapet.rules.gcp.essentialcontacts.essential_contacts_configured

import data.parapet.lib

required_categories := {"LEGAL", "SECURITY", "SUSPENSION", "TECHNICAL", "TECHNICAL_INCIDENTS"}

subscribed := {c |
	some contact in input.resources["essentialcontacts.googleapis.com/Contact"]
	some c in object.get(contact.config, "notificationCategorySubscriptions", [])
}

missing := set() if "ALL" in subscribed

missing := required_categories - subscribed if not "ALL" in subscribed

deny contains lib.finding(
	lib.gcp.account_resource_id(input.account),
	sprintf("project %s has no Essential Contact for %s", [input.account.id, concat(", ", sort(missing))]),
	{"missing_categories": sort(missing), "subscribed_categories": sort(subscribed)},
) if {
	count(missing) > 0
}
