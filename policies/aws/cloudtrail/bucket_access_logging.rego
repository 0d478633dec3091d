# METADATA
# title: The CloudTrail S3 bucket has server access logging
# description: Access logs of the bucket holding CloudTrail logs record who read or tampered with the audit trail itself.
# custom:
#   id: aws.cloudtrail.bucket_access_logging
#   severity: medium
#   resource_types: [Parapet::CloudTrail::TrailStatus]
#   scope: resource
#   facts: [AWS::S3::Bucket]
#   frameworks:
#     cis-aws-3.0.0: ["3.4"]
#     pci-dss-4.0: ["10.2.1.3"]
#     nist-800-53-r5: ["AU-2", "AU-9"]
#     hipaa: ["164.312(b)"]
#   remediation:
#     text: Enable server access logging on the trail's bucket, to a separate log bucket.
#     cli: aws s3api put-bucket-logging --bucket <trail bucket> --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<log bucket>","TargetPrefix":"cloudtrail/"}}'
#     terraform: resource "aws_s3_bucket_logging" "trail" { bucket = "<trail bucket>" target_bucket = "<log bucket>" target_prefix = "cloudtrail/" }
package parapet.rules.aws.cloudtrail.bucket_access_logging

import data.parapet.lib

bucket_name := input.resource.config.Trail.S3BucketName

# Only a bucket of the same account can be judged; a central logging account's
# bucket is checked in that account's scan.
deny contains lib.finding(input.resource, msg, {"S3BucketName": bucket_name, "BucketLoggingConfiguration": object.get(b.config, "BucketLoggingConfiguration", null)}) if {
	some b in object.get(input.facts, "AWS::S3::Bucket", [])
	b.config.name == bucket_name
	object.get(b.config, ["BucketLoggingConfiguration", "destinationBucketName"], null) == null
	msg := sprintf("CloudTrail trail %s delivers to S3 bucket %s, which has no server access logging", [input.resource.config.Trail.Name, bucket_name])
}
