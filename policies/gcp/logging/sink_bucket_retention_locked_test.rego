package parapet.rules.gcp.logging.sink_bucket_retention_locked_test

import data.parapet.rules.gcp.logging.sink_bucket_retention_locked as rule

account := {"provider": "gcp", "id": "acme-prod"}

sink(name, fields) := {
	"id": sprintf("//logging.googleapis.com/projects/acme-prod/sinks/%s", [name]),
	"type": "logging.googleapis.com/LogSink",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": name,
	"config": object.union(
		{
			"name": name,
			"destination": "storage.googleapis.com/acme-audit-logs",
			"writerIdentity": "serviceAccount:service-123456789012@gcp-sa-logging.iam.gserviceaccount.com",
			"createTime": "2023-02-01T00:00:00Z",
		},
		fields,
	),
}

bucket(policy) := {
	"id": "//storage.googleapis.com/acme-audit-logs",
	"type": "storage.googleapis.com/Bucket",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "eu",
	"name": "acme-audit-logs",
	"config": object.union({"name": "acme-audit-logs", "location": "EU", "storageClass": "STANDARD"}, policy),
}

locked := {"retentionPolicy": {"retentionPeriod": "31536000", "effectiveTime": "2023-02-01T00:00:00Z", "isLocked": true}}

unlocked := {"retentionPolicy": {"retentionPeriod": "31536000", "effectiveTime": "2023-02-01T00:00:00Z"}}

pass_locked := {"account": account, "resources": {"logging.googleapis.com/LogSink": [sink("all-logs", {})], "storage.googleapis.com/Bucket": [bucket(locked)]}}

fail_unlocked := {"account": account, "resources": {"logging.googleapis.com/LogSink": [sink("all-logs", {})], "storage.googleapis.com/Bucket": [bucket(unlocked)]}}

fail_no_policy := {"account": account, "resources": {"logging.googleapis.com/LogSink": [sink("all-logs", {})], "storage.googleapis.com/Bucket": [bucket({})]}}

pass_bigquery_sink := {"account": account, "resources": {
	"logging.googleapis.com/LogSink": [sink("bq", {"destination": "bigquery.googleapis.com/projects/acme-prod/datasets/logs"})],
	"storage.googleapis.com/Bucket": [bucket({})],
}}

test_locked_bucket_passes if {
	count(rule.deny) == 0 with input as pass_locked
	count(rule.deny) == 0 with input as pass_bigquery_sink
}

test_unlocked_bucket_fails if {
	findings := rule.deny with input as fail_unlocked
	count(findings) == 1
	some f in findings
	f.resource == "//storage.googleapis.com/acme-audit-logs"
	contains(f.msg, "all-logs")
}

test_bucket_without_policy_fails if {
	count(rule.deny) == 1 with input as fail_no_policy
}
