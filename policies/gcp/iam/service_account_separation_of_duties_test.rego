package parapet.rules.gcp.iam.service_account_separation_of_duties_test

import data.parapet.rules.gcp.iam.service_account_separation_of_duties as rule

project(bindings) := {
	"id": "//cloudresourcemanager.googleapis.com/projects/123456789012",
	"type": "cloudresourcemanager.googleapis.com/Project",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "acme-prod",
	"config": {"projectNumber": "123456789012", "projectId": "acme-prod", "lifecycleState": "ACTIVE"},
	"iam_policy": {"version": 1, "etag": "BwX1", "bindings": bindings},
}

fail_both := {"resource": project([
	{"role": "roles/iam.serviceAccountAdmin", "members": ["user:ann@acme.example", "user:ben@acme.example"]},
	{"role": "roles/iam.serviceAccountUser", "members": ["user:ann@acme.example"]},
])}

pass_split := {"resource": project([
	{"role": "roles/iam.serviceAccountAdmin", "members": ["user:ann@acme.example"]},
	{"role": "roles/iam.serviceAccountUser", "members": ["user:ben@acme.example"]},
])}

test_member_with_both_fails if {
	findings := rule.deny with input as fail_both
	count(findings) == 1
	some f in findings
	contains(f.msg, "user:ann@acme.example")
}

test_split_roles_pass if {
	count(rule.deny) == 0 with input as pass_split
}
