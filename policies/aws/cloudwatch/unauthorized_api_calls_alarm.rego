# METADATA
# title: Unauthorized API calls are monitored
# description: >-
#   Repeated AccessDenied and UnauthorizedOperation errors reveal probing with stolen or mis-scoped credentials. Passes when a multi-region trail logging all management events feeds
#   a CloudWatch Logs group with a metric filter for these events, and an alarm on
#   that metric notifies an SNS topic with a confirmed subscription.
# custom:
#   id: aws.cloudwatch.unauthorized_api_calls_alarm
#   severity: medium
#   resource_types: [Parapet::CloudWatch::MetricFilterAlarms]
#   scope: account
#   facts: [Parapet::CloudTrail::TrailStatus]
#   frameworks:
#     cis-aws-3.0.0: ["4.1"]
#     pci-dss-4.0: ["10.4.1", "10.4.1.1", "10.2.1.4"]
#     nist-800-53-r5: ["AU-6", "AU-6(1)", "SI-4", "SI-4(5)"]
#     hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)", "164.308(a)(5)(ii)(C)"]
#   remediation:
#     text: 'Create a metric filter on the trail''s CloudWatch Logs group with the pattern { ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }, an alarm on its metric (Sum >= 1 over 5 minutes) and an SNS topic with a confirmed subscriber.'
#     cli: 'aws logs put-metric-filter --log-group-name <trail log group> --filter-name UnauthorizedApiCalls --metric-transformations metricName=UnauthorizedApiCalls,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern ''{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }'' && aws cloudwatch put-metric-alarm --alarm-name UnauthorizedApiCalls --metric-name UnauthorizedApiCalls --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns topic arn>'
package parapet.rules.aws.cloudwatch.unauthorized_api_calls_alarm

import data.parapet.lib
import data.parapet.lib.aws
import data.parapet.lib.aws.monitoring

# Terms of the CIS filter pattern a matching metric filter must contain.
terms := [
	"$.errorCode=\"*UnauthorizedOperation\"",
	"$.errorCode=\"AccessDenied*\"",
]

deny contains lib.finding(aws.account_resource(input.account), sprintf("account %s: %s", [input.account.id, gap.msg]), gap.evidence) if {
	gap := monitoring.gap(input.resources, terms, "unauthorized API calls")
}
