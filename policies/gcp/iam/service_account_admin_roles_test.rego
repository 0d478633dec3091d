package parapet.rules.gcp.iam.service_account_admin_roles_test

import data.parapet.rules.gcp.iam.service_account_admin_roles as rule

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

fail_editor := {"resource": project([{"role": "roles/editor", "members": ["serviceAccount:123456789012-compute@developer.gserviceaccount.com"]}])}

fail_admin := {"resource": project([{"role": "roles/storage.admin", "members": ["serviceAccount:etl@acme-prod.iam.gserviceaccount.com"]}, {"role": "roles/iam.serviceAccountAdmin", "members": ["serviceAccount:ci@acme-prod.iam.gserviceaccount.com"]}])}

pass_service_agents := {"resource": project([
	{"role": "roles/editor", "members": ["serviceAccount:123456789012@cloudservices.gserviceaccount.com"]},
	{"role": "roles/container.admin", "members": ["serviceAccount:service-123456789012@gcp-sa-gkehub.iam.gserviceaccount.com"]},
	{"role": "roles/owner", "members": ["user:bob@acme.example"]},
	{"role": "roles/storage.objectViewer", "members": ["serviceAccount:etl@acme-prod.iam.gserviceaccount.com"]},
])}

test_default_sa_editor_fails if {
	findings := rule.deny with input as fail_editor
	count(findings) == 1
	some f in findings
	contains(f.msg, "roles/editor")
	contains(f.msg, "123456789012-compute@developer.gserviceaccount.com")
	f.evidence.role == "roles/editor"
}

test_admin_roles_fail if {
	count(rule.deny) == 2 with input as fail_admin
}

test_service_agents_and_narrow_roles_pass if {
	count(rule.deny) == 0 with input as pass_service_agents
}
