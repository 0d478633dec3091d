package parapet.rules.gcp.logging.sink_all_log_entries_test

import data.parapet.rules.gcp.logging.sink_all_log_entries as rule

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

pass_unfiltered := {"account": account, "resources": {"logging.googleapis.com/LogSink": [sink("all-logs", {})]}}

pass_blank_filter := {"account": account, "resources": {"logging.googleapis.com/LogSink": [sink("all-logs", {"filter": "  "})]}}

fail_filtered := {"account": account, "resources": {"logging.googleapis.com/LogSink": [
	sink("errors", {"filter": "severity>=ERROR"}),
	sink("old", {"disabled": true}),
]}}

fail_none := {"account": account, "resources": {"logging.googleapis.com/LogSink": []}}

test_unfiltered_sink_passes if {
	count(rule.deny) == 0 with input as pass_unfiltered
	count(rule.deny) == 0 with input as pass_blank_filter
}

test_filtered_or_disabled_sinks_fail if {
	findings := rule.deny with input as fail_filtered
	count(findings) == 1
	some f in findings
	f.resource == "gcp:account:acme-prod"
	contains(f.msg, "errors, old")
}

test_no_sink_fails if {
	count(rule.deny) == 1 with input as fail_none
}
