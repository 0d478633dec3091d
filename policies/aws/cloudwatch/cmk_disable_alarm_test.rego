package parapet.rules.aws.cloudwatch.cmk_disable_alarm_test

import data.parapet.rules.aws.cloudwatch.cmk_disable_alarm

account := {"provider": "aws", "id": "111122223333"}

trail := {"id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "type": "Parapet::CloudTrail::TrailStatus", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"Trail": {"Name": "main", "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/main:*"},
	"Status": {"IsLogging": true},
	"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}],
}}

topic := "arn:aws:sns:us-east-1:111122223333:security-alerts"

cis_pattern := "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"

monitoring(pattern) := {"id": "arn:aws:parapet:us-east-1:111122223333:metric-filter-alarms", "type": "Parapet::CloudWatch::MetricFilterAlarms", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"MetricFilters": [{"filterName": "CmkDisable", "filterPattern": pattern, "logGroupName": "CloudTrail/main", "metricTransformations": [{"metricName": "CmkDisable", "metricNamespace": "CISBenchmark", "metricValue": "1"}]}],
	"MetricAlarms": [{"AlarmName": "CmkDisable", "MetricName": "CmkDisable", "Namespace": "CISBenchmark", "AlarmActions": [topic], "Statistic": "Sum", "Threshold": 1}],
	"Subscriptions": {topic: [{"SubscriptionArn": "arn:aws:sns:us-east-1:111122223333:security-alerts:0b7e4f0c-1111-2222-3333-444455556666", "Protocol": "email", "Endpoint": "secops@example.com", "TopicArn": topic}]},
}}

pass_cis_filter := {"account": account, "resources": {"Parapet::CloudWatch::MetricFilterAlarms": [monitoring(cis_pattern)], "Parapet::CloudTrail::TrailStatus": [trail]}}

# The CIS pattern with its last required term removed.
fail_incomplete_filter := {"account": account, "resources": {"Parapet::CloudWatch::MetricFilterAlarms": [monitoring("{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = Omitted)) }")], "Parapet::CloudTrail::TrailStatus": [trail]}}

test_pass_with_cis_metric_filter_and_alarm if {
	count(cmk_disable_alarm.deny) == 0 with input as pass_cis_filter
}

test_fail_when_filter_misses_a_term if {
	some f in cmk_disable_alarm.deny with input as fail_incomplete_filter
	f.resource == "aws:account:111122223333"
	contains(f.msg, "no metric filter on the CloudTrail log group(s) CloudTrail/main matches disabling or scheduled deletion of customer managed KMS keys")
}
