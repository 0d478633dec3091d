package parapet.rules.gcp.logging.metric_alert_firewall_test

import data.parapet.rules.gcp.logging.metric_alert_firewall as rule

account := {"provider": "gcp", "id": "acme-prod"}

good_filter := "resource.type = \"gce_firewall_rule\" \n  AND (protoPayload.methodName:\"compute.firewalls.patch\" OR protoPayload.methodName:\"compute.firewalls.insert\" OR protoPayload.methodName:\"compute.firewalls.delete\")"

metric(name, filter) := {
	"id": sprintf("//logging.googleapis.com/projects/acme-prod/metrics/%s", [name]),
	"type": "logging.googleapis.com/LogMetric",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": name,
	"config": {
		"name": name,
		"filter": filter,
		"metricDescriptor": {"metricKind": "DELTA", "valueType": "INT64", "unit": "1"},
		"createTime": "2023-02-01T00:00:00Z",
	},
}

alert(metric_name, enabled) := {
	"id": "//monitoring.googleapis.com/projects/acme-prod/alertPolicies/1234",
	"type": "monitoring.googleapis.com/AlertPolicy",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "1234",
	"config": {
		"name": "projects/acme-prod/alertPolicies/1234",
		"displayName": metric_name,
		"combiner": "OR",
		"enabled": enabled,
		"notificationChannels": ["projects/acme-prod/notificationChannels/42"],
		"conditions": [{
			"displayName": "count > 0",
			"conditionThreshold": {
				"filter": sprintf("resource.type = \"global\" AND metric.type = \"logging.googleapis.com/user/%s\"", [metric_name]),
				"comparison": "COMPARISON_GT",
				"thresholdValue": 0,
				"duration": "0s",
			},
		}],
	},
}

pass_alerted := {"account": account, "resources": {
	"logging.googleapis.com/LogMetric": [metric("cis-watch", good_filter)],
	"monitoring.googleapis.com/AlertPolicy": [alert("cis-watch", true)],
}}

fail_no_metric := {"account": account, "resources": {
	"logging.googleapis.com/LogMetric": [metric("cis-watch", "resource.type=\"gce_firewall_rule\" AND (protoPayload.methodName:\"compute.firewalls.patch\"")],
	"monitoring.googleapis.com/AlertPolicy": [alert("cis-watch", true)],
}}

fail_no_alert := {"account": account, "resources": {
	"logging.googleapis.com/LogMetric": [metric("cis-watch", good_filter)],
	"monitoring.googleapis.com/AlertPolicy": [],
}}

fail_disabled_alert := {"account": account, "resources": {
	"logging.googleapis.com/LogMetric": [metric("cis-watch", good_filter)],
	"monitoring.googleapis.com/AlertPolicy": [alert("cis-watch", false)],
}}

fail_alert_on_other_metric := {"account": account, "resources": {
	"logging.googleapis.com/LogMetric": [metric("cis-watch", good_filter)],
	"monitoring.googleapis.com/AlertPolicy": [alert("cis-watch-old", true)],
}}

test_metric_with_alert_passes if {
	count(rule.deny) == 0 with input as pass_alerted
}

test_missing_metric_fails if {
	findings := rule.deny with input as fail_no_metric
	count(findings) == 1
	some f in findings
	f.resource == "gcp:account:acme-prod"
	contains(f.msg, "no log metric")
}

test_metric_without_enabled_alert_fails if {
	findings := rule.deny with input as fail_no_alert
	some f in findings
	contains(f.msg, "cis-watch")
	count(rule.deny) == 1 with input as fail_disabled_alert
	count(rule.deny) == 1 with input as fail_alert_on_other_metric
}
