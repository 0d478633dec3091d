package parapet.rules.gcp.storage.bucket_public_test

import data.parapet.rules.gcp.storage.bucket_public as rule

bucket(fields, bindings) := {
	"id": "//storage.googleapis.com/acme-exports",
	"type": "storage.googleapis.com/Bucket",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "eu",
	"name": "acme-exports",
	"config": object.union(
		{
			"name": "acme-exports",
			"location": "EU",
			"storageClass": "STANDARD",
			"iamConfiguration": {
				"uniformBucketLevelAccess": {"enabled": true, "lockedTime": "2024-08-01T00:00:00Z"},
				"publicAccessPrevention": "enforced",
			},
		},
		fields,
	),
	"iam_policy": {"bindings": bindings},
}

fail_all_users := {"resource": bucket({}, [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}])}

fail_authenticated := {"resource": bucket({}, [{"role": "roles/storage.legacyBucketReader", "members": ["projectViewer:acme-prod", "allAuthenticatedUsers"]}])}

fail_acl := {"resource": bucket({"acl": [{"entity": "allUsers", "role": "READER"}, {"entity": "project-owners-123456789012", "role": "OWNER"}]}, [])}

pass_private := {"resource": bucket({}, [
	{"role": "roles/storage.legacyBucketOwner", "members": ["projectEditor:acme-prod", "projectOwner:acme-prod"]},
	{"role": "roles/storage.objectViewer", "members": ["serviceAccount:etl@acme-prod.iam.gserviceaccount.com"]},
])}

test_all_users_fails if {
	findings := rule.deny with input as fail_all_users
	count(findings) == 1
	some f in findings
	contains(f.msg, "acme-exports grants roles/storage.objectViewer to allUsers")
	f.resource == "//storage.googleapis.com/acme-exports"
}

test_all_authenticated_users_fails if {
	count(rule.deny) == 1 with input as fail_authenticated
}

test_public_acl_fails if {
	findings := rule.deny with input as fail_acl
	count(findings) == 1
	some f in findings
	contains(f.msg, "ACL grants READER to allUsers")
}

test_private_bucket_passes if {
	count(rule.deny) == 0 with input as pass_private
}
