package parapet.rules.gcp.bigquery.dataset_default_cmek_test

import data.parapet.rules.gcp.bigquery.dataset_default_cmek as rule

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

pass_cmek := {"resource": dataset({"defaultEncryptionConfiguration": {"kmsKeyName": "projects/acme-prod/locations/eu/keyRings/bq/cryptoKeys/sales"}}, [])}

fail_none := {"resource": dataset({}, [])}

test_default_key_passes if {
	count(rule.deny) == 0 with input as pass_cmek
}

test_missing_default_key_fails if {
	findings := rule.deny with input as fail_none
	count(findings) == 1
	some f in findings
	contains(f.msg, "sales")
}
