# METADATA
# title: Uses of the root user are monitored
# description: >-
#   The root user should almost never act; an alert on each use catches misuse of the most powerful identity. Passes when a multi-region trail logging all management events feeds
#   a CloudWatch Logs group with a metric filter for these events, and an alarm on
#   that metric notifies an SNS topic with a confirmed subscription.
# custom:
#   id: aws.cloudwatch.root_usage_alarm
#   severity: medium
#   resource_types: [Parapet::CloudWatch::MetricFilterAlarms]
#   scope: account
#   facts: [Parapet::CloudTrail::TrailStatus]
#   frameworks:
#     cis-aws-3.0.0: ["4.3"]
#     pci-dss-4.0: ["10.4.1", "10.4.1.1", "10.2.1.2"]
#     nist-800-53-r5: ["AU-6", "AU-6(1)", "SI-4", "SI-4(5)", "AC-6(9)"]
#     hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"]
#   remediation:
#     text: 'Create a metric filter on the trail''s CloudWatch Logs group with the pattern { $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }, an alarm on its metric (Sum >= 1 over 5 minutes) and an SNS topic with a confirmed subscriber.'
#     cli: 'aws logs put-metric-filter --log-group-name <trail log group> --filter-name RootUsage --metric-transformations metricName=RootUsage,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern ''{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'' && aws cloudwatch put-metric-alarm --alarm-name RootUsage --metric-name RootUsage --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns topic arn>'
package parapet.rules.aws.cloudwatch.root_usage_alarm

import data.parapet.lib
import data.parapet.lib.aws
import data.parapet.lib.aws.monitoring

# Terms of the CIS filter pattern a matching metric filter must contain.
terms := [
	"$.userIdentity.type=\"Root\"",
	"$.userIdentity.invokedBy NOT EXISTS",
	"$.eventType!=\"AwsServiceEvent\"",
]

deny contains lib.finding(aws.account_resource(input.account), sprintf("account %s: %s", [input.account.id, gap.msg]), gap.evidence) if {
	gap := monitoring.gap(input.resources, terms, "uses of the root user")
}
