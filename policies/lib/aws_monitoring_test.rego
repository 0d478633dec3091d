package parapet.lib.aws.monitoring_test

import data.parapet.lib.aws.monitoring

trail(fields) := {"id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "type": "Parapet::CloudTrail::TrailStatus", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"Trail": object.union({"Name": "main", "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/main:*"}, fields),
	"Status": {"IsLogging": true},
	"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}],
}}

topic := "arn:aws:sns:us-east-1:111122223333:alerts"

confirmed := [{"SubscriptionArn": "arn:aws:sns:us-east-1:111122223333:alerts:1234", "Protocol": "email", "TopicArn": topic}]

pending := [{"SubscriptionArn": "PendingConfirmation", "Protocol": "email", "TopicArn": topic}]

alarms(region, group, pattern, actions, subs) := {"id": sprintf("arn:aws:parapet:%s:111122223333:metric-filter-alarms", [region]), "type": "Parapet::CloudWatch::MetricFilterAlarms", "provider": "aws", "account": "111122223333", "region": region, "config": {
	"MetricFilters": [{"filterName": "policy-changes", "filterPattern": pattern, "logGroupName": group, "metricTransformations": [{"metricName": "PolicyChanges", "metricNamespace": "CIS", "metricValue": "1"}]}],
	"MetricAlarms": [
		{"AlarmName": "other", "MetricName": "Other", "Namespace": "CIS", "AlarmActions": [topic]},
		{"AlarmName": "policy-changes", "MetricName": "PolicyChanges", "Namespace": "CIS", "AlarmActions": actions},
	],
	"Subscriptions": {topic: subs},
}}

terms := ["$.eventName=DeletePolicy", "$.eventName=CreatePolicy"]

good_pattern := "{ ($.eventName = \"DeletePolicy\") || ($.eventName=CreatePolicy) }"

# Only the longer names: DeletePolicy must not be found inside DeletePolicyVersion.
version_pattern := "{ ($.eventName=DeletePolicyVersion) || ($.eventName=CreatePolicyVersion) }"

resources(trails, facts) := {"Parapet::CloudTrail::TrailStatus": trails, "Parapet::CloudWatch::MetricFilterAlarms": facts}

test_monitored_account_has_no_gap if {
	not monitoring.gap(resources([trail({})], [alarms("us-east-1", "CloudTrail/main", good_pattern, [topic], confirmed)]), terms, "policy changes")
}

test_gap_without_a_complete_trail if {
	g1 := monitoring.gap(resources([], []), terms, "policy changes")
	contains(g1.msg, "no multi-region CloudTrail trail")
	g2 := monitoring.gap(resources([trail({"IsMultiRegionTrail": false})], [alarms("us-east-1", "CloudTrail/main", good_pattern, [topic], confirmed)]), terms, "policy changes")
	contains(g2.msg, "no multi-region CloudTrail trail")
	g3 := monitoring.gap(resources([trail({"CloudWatchLogsLogGroupArn": null})], []), terms, "policy changes")
	g3.evidence == {"trail_log_groups": []}
}

test_gap_without_a_matching_filter if {
	g1 := monitoring.gap(resources([trail({})], [alarms("us-east-1", "CloudTrail/main", version_pattern, [topic], confirmed)]), terms, "policy changes")
	contains(g1.msg, "no metric filter on the CloudTrail log group(s) CloudTrail/main matches policy changes")
	g2 := monitoring.gap(resources([trail({})], [alarms("us-east-1", "other-group", good_pattern, [topic], confirmed)]), terms, "policy changes")
	g2.evidence.trail_log_groups == ["CloudTrail/main"]

	# Same group name in another region is another log group.
	g3 := monitoring.gap(resources([trail({})], [alarms("eu-west-1", "CloudTrail/main", good_pattern, [topic], confirmed)]), terms, "policy changes")
	contains(g3.msg, "no metric filter")
}

test_gap_without_a_notifying_alarm if {
	g1 := monitoring.gap(resources([trail({})], [alarms("us-east-1", "CloudTrail/main", good_pattern, [topic], pending)]), terms, "policy changes")
	g1.msg == "metric filter(s) policy-changes for policy changes have no alarm notifying a confirmed SNS subscription"
	g2 := monitoring.gap(resources([trail({})], [alarms("us-east-1", "CloudTrail/main", good_pattern, [], confirmed)]), terms, "policy changes")
	g2.evidence == {"metric_filters": ["policy-changes"]}
}
