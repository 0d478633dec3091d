package parapet.rules.gcp.iam.project_service_account_impersonation_test

import data.parapet.rules.gcp.iam.project_service_account_impersonation as rule

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

fail_user := {"resource": project([{"role": "roles/iam.serviceAccountUser", "members": ["user:dev@acme.example"]}])}

fail_group_token_creator := {"resource": project([{"role": "roles/iam.serviceAccountTokenCreator", "members": ["group:devs@acme.example", "domain:acme.example"]}])}

pass_service_account := {"resource": project([
	{"role": "roles/iam.serviceAccountTokenCreator", "members": ["serviceAccount:deployer@acme-prod.iam.gserviceaccount.com"]},
	{"role": "roles/viewer", "members": ["user:dev@acme.example"]},
])}

test_user_fails if {
	findings := rule.deny with input as fail_user
	count(findings) == 1
	some f in findings
	contains(f.msg, "user:dev@acme.example")
	contains(f.msg, "roles/iam.serviceAccountUser")
}

test_group_and_domain_fail if {
	count(rule.deny) == 2 with input as fail_group_token_creator
}

test_service_account_member_passes if {
	count(rule.deny) == 0 with input as pass_service_account
}
