package parapet.rules.gcp.kms.kms_separation_of_duties_test

import data.parapet.rules.gcp.kms.kms_separation_of_duties as rule

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
	{"role": "roles/cloudkms.admin", "members": ["user:kim@acme.example"]},
	{"role": "roles/cloudkms.cryptoKeyDecrypter", "members": ["user:kim@acme.example"]},
])}

pass_split := {"resource": project([
	{"role": "roles/cloudkms.admin", "members": ["user:kim@acme.example"]},
	{"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "members": ["serviceAccount:app@acme-prod.iam.gserviceaccount.com", "user:lee@acme.example"]},
])}

test_admin_and_decrypter_fails if {
	findings := rule.deny with input as fail_both
	count(findings) == 1
	some f in findings
	contains(f.msg, "user:kim@acme.example")
	contains(f.msg, "roles/cloudkms.cryptoKeyDecrypter")
}

test_split_roles_pass if {
	count(rule.deny) == 0 with input as pass_split
}
