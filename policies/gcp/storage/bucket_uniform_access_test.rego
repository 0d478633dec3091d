package parapet.rules.gcp.storage.bucket_uniform_access_test

import data.parapet.rules.gcp.storage.bucket_uniform_access as rule

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

pass_uniform := {"resource": bucket({}, [])}

fail_fine_grained := {"resource": bucket({"iamConfiguration": {"uniformBucketLevelAccess": {"enabled": false}, "bucketPolicyOnly": {"enabled": false}}}, [])}

fail_missing := {"resource": json.remove(bucket({}, []), ["config/iamConfiguration"])}

test_uniform_passes if {
	count(rule.deny) == 0 with input as pass_uniform
}

test_fine_grained_fails if {
	findings := rule.deny with input as fail_fine_grained
	count(findings) == 1
	some f in findings
	contains(f.msg, "acme-exports")
	count(rule.deny) == 1 with input as fail_missing
}
