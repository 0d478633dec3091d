# METADATA
# title: S3 bucket policy changes are monitored
# description: >-
#   Bucket policy, ACL, CORS, lifecycle and replication changes can expose or move data; alerting shortens exposure. Passes when a multi-region trail logging all management events feeds
#   a CloudWatch Logs group with a metric filter for these events, and an alarm on
#   that metric notifies an SNS topic with a confirmed subscription.
# custom:
#   id: aws.cloudwatch.s3_bucket_policy_changes_alarm
#   severity: medium
#   resource_types: [Parapet::CloudWatch::MetricFilterAlarms]
#   scope: account
#   facts: [Parapet::CloudTrail::TrailStatus]
#   frameworks:
#     cis-aws-3.0.0: ["4.8"]
#     pci-dss-4.0: ["10.4.1", "10.4.1.1"]
#     nist-800-53-r5: ["AU-6", "AU-6(1)", "SI-4", "SI-4(5)", "CM-3"]
#     hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"]
#   remediation:
#     text: 'Create a metric filter on the trail''s CloudWatch Logs group with the pattern { ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }, an alarm on its metric (Sum >= 1 over 5 minutes) and an SNS topic with a confirmed subscriber.'
#     cli: 'aws logs put-metric-filter --log-group-name <trail log group> --filter-name S3BucketPolicyChanges --metric-transformations metricName=S3BucketPolicyChanges,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern ''{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }'' && aws cloudwatch put-metric-alarm --alarm-name S3BucketPolicyChanges --metric-name S3BucketPolicyChanges --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns topic arn>'
package parapet.rules.aws.cloudwatch.s3_bucket_policy_changes_alarm

import data.parapet.lib
import data.parapet.lib.aws
import data.parapet.lib.aws.monitoring

# Terms of the CIS filter pattern a matching metric filter must contain.
terms := [
	"$.eventSource=s3.amazonaws.com",
	"$.eventName=PutBucketAcl",
	"$.eventName=PutBucketPolicy",
	"$.eventName=PutBucketCors",
	"$.eventName=PutBucketLifecycle",
	"$.eventName=PutBucketReplication",
	"$.eventName=DeleteBucketPolicy",
	"$.eventName=DeleteBucketCors",
	"$.eventName=DeleteBucketLifecycle",
	"$.eventName=DeleteBucketReplication",
]

deny contains lib.finding(aws.account_resource(input.account), sprintf("account %s: %s", [input.account.id, gap.msg]), gap.evidence) if {
	gap := monitoring.gap(input.resources, terms, "S3 bucket policy changes")
}
