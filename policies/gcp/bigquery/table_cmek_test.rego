package parapet.rules.gcp.bigquery.table_cmek_test

import data.parapet.rules.gcp.bigquery.table_cmek as rule

table(fields) := {
	"id": "//bigquery.googleapis.com/projects/acme-prod/datasets/sales/tables/orders",
	"type": "bigquery.googleapis.com/Table",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "eu",
	"name": "orders",
	"config": object.union(
		{
			"kind": "bigquery#table",
			"id": "acme-prod:sales.orders",
			"tableReference": {"projectId": "acme-prod", "datasetId": "sales", "tableId": "orders"},
			"type": "TABLE",
			"location": "EU",
		},
		fields,
	),
}

pass_cmek := {"resource": table({"encryptionConfiguration": {"kmsKeyName": "projects/acme-prod/locations/eu/keyRings/bq/cryptoKeys/sales"}})}

fail_google_key := {"resource": table({})}

pass_view := {"resource": table({"type": "VIEW", "view": {"query": "SELECT 1"}})}

test_cmek_passes if {
	count(rule.deny) == 0 with input as pass_cmek
	count(rule.deny) == 0 with input as pass_view
}

test_google_managed_fails if {
	findings := rule.deny with input as fail_google_key
	count(findings) == 1
	some f in findings
	contains(f.msg, "orders")
}
