package parapet.rules.gcp.iam.consumer_accounts_test

import data.parapet.rules.gcp.iam.consumer_accounts as rule

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

fail_gmail := {"resource": project([{"role": "roles/editor", "members": ["user:alice@gmail.com", "user:bob@acme.example"]}])}

fail_googlemail := {"resource": project([{"role": "roles/viewer", "members": ["user:Carol@GoogleMail.com"]}])}

pass_corporate := {"resource": project([
	{"role": "roles/owner", "members": ["user:bob@acme.example", "group:ops@acme.example"]},
	{"role": "roles/viewer", "members": ["serviceAccount:ci@acme-prod.iam.gserviceaccount.com"]},
])}

pass_no_policy := {"resource": object.remove(project([]), ["iam_policy"])}

test_gmail_user_fails if {
	findings := rule.deny with input as fail_gmail
	count(findings) == 1
	some f in findings
	f.resource == "//cloudresourcemanager.googleapis.com/projects/123456789012"
	contains(f.msg, "user:alice@gmail.com")
	contains(f.msg, "roles/editor")
}

test_googlemail_any_case_fails if {
	count(rule.deny) == 1 with input as fail_googlemail
}

test_corporate_accounts_pass if {
	count(rule.deny) == 0 with input as pass_corporate
}

test_project_without_policy_passes if {
	count(rule.deny) == 0 with input as pass_no_policy
}
