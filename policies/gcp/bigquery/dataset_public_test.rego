package parapet.rules.gcp.bigquery.dataset_public_test

import data.parapet.rules.gcp.bigquery.dataset_public as rule

dataset(fields, bindings) := {
	"id": "//bigquery.googleapis.com/projects/acme-prod/datasets/sales",
	"type": "bigquery.googleapis.com/Dataset",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "eu",
	"name": "sales",
	"config": object.union(
		{
			"kind": "bigquery#dataset",
			"id": "acme-prod:sales",
			"datasetReference": {"projectId": "acme-prod", "datasetId": "sales"},
			"location": "EU",
			"access": [
				{"role": "OWNER", "specialGroup": "projectOwners"},
				{"role": "WRITER", "specialGroup": "projectWriters"},
				{"role": "READER", "userByEmail": "analyst@acme.example"},
			],
		},
		fields,
	),
	"iam_policy": {"bindings": bindings},
}

pass_private := {"resource": dataset({}, [])}

fail_special_group := {"resource": dataset({"access": [{"role": "OWNER", "specialGroup": "projectOwners"}, {"role": "READER", "specialGroup": "allAuthenticatedUsers"}]}, [])}

fail_iam_member := {"resource": dataset({"access": [{"role": "READER", "iamMember": "allUsers"}]}, [])}

fail_policy := {"resource": dataset({}, [{"role": "roles/bigquery.dataViewer", "members": ["allUsers"]}])}

test_private_passes if {
	count(rule.deny) == 0 with input as pass_private
}

test_public_entries_fail if {
	findings := rule.deny with input as fail_special_group
	count(findings) == 1
	some f in findings
	contains(f.msg, "sales gives READER to allAuthenticatedUsers")
	count(rule.deny) == 1 with input as fail_iam_member
	count(rule.deny) == 1 with input as fail_policy
}
