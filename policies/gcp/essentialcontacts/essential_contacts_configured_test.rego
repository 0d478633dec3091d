package parapet.rules.gcp.essentialcontacts.essential_contacts_configured_test

import data.parapet.rules.gcp.essentialcontacts.essential_contacts_configured as rule

contact(id, categories) := {
	"id": sprintf("//essentialcontacts.googleapis.com/projects/123456789012/contacts/%s", [id]),
	"type": "essentialcontacts.googleapis.com/Contact",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": id,
	"config": {
		"name": sprintf("projects/123456789012/contacts/%s", [id]),
		"email": "secops@acme.example",
		"notificationCategorySubscriptions": categories,
		"languageTag": "en",
		"validationState": "VALID",
	},
}

account := {"provider": "gcp", "id": "acme-prod"}

fail_none := {"account": account, "resources": {"essentialcontacts.googleapis.com/Contact": []}}

fail_partial := {"account": account, "resources": {"essentialcontacts.googleapis.com/Contact": [contact("1", ["SECURITY", "TECHNICAL"])]}}

pass_all := {"account": account, "resources": {"essentialcontacts.googleapis.com/Contact": [contact("1", ["ALL"])]}}

pass_split := {"account": account, "resources": {"essentialcontacts.googleapis.com/Contact": [
	contact("1", ["SECURITY", "TECHNICAL", "TECHNICAL_INCIDENTS"]),
	contact("2", ["LEGAL", "SUSPENSION", "BILLING"]),
]}}

test_no_contacts_fails if {
	findings := rule.deny with input as fail_none
	count(findings) == 1
	some f in findings
	f.resource == "gcp:account:acme-prod"
	contains(f.msg, "LEGAL, SECURITY, SUSPENSION, TECHNICAL, TECHNICAL_INCIDENTS")
}

test_partial_categories_fail if {
	findings := rule.deny with input as fail_partial
	some f in findings
	f.evidence.missing_categories == ["LEGAL", "SUSPENSION", "TECHNICAL_INCIDENTS"]
}

test_complete_contacts_pass if {
	count(rule.deny) == 0 with input as pass_all
	count(rule.deny) == 0 with input as pass_split
}
