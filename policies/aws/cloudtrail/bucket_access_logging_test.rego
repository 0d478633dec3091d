package parapet.rules.aws.cloudtrail.bucket_access_logging_test

import data.parapet.rules.aws.cloudtrail.bucket_access_logging

trail := {"id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "type": "Parapet::CloudTrail::TrailStatus", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"Trail": {"Name": "main", "S3BucketName": "org-cloudtrail-logs", "IncludeGlobalServiceEvents": true, "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "LogFileValidationEnabled": true, "KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
	"Status": {"IsLogging": true},
	"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}],
	"AdvancedEventSelectors": [],
}}

bucket(logging) := {"id": "arn:aws:s3:::org-cloudtrail-logs", "type": "AWS::S3::Bucket", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {"name": "org-cloudtrail-logs", "BucketLoggingConfiguration": logging}}

other := {"id": "arn:aws:s3:::other", "type": "AWS::S3::Bucket", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {"name": "other", "BucketLoggingConfiguration": {"destinationBucketName": null}}}

pass_logged := {"resource": trail, "facts": {"AWS::S3::Bucket": [other, bucket({"destinationBucketName": "access-logs", "logFilePrefix": "cloudtrail/"})]}}

fail_not_logged := {"resource": trail, "facts": {"AWS::S3::Bucket": [other, bucket({"destinationBucketName": null, "logFilePrefix": null})]}}

fail_no_logging_config := {"resource": trail, "facts": {"AWS::S3::Bucket": [bucket(null)]}}

test_pass_when_trail_bucket_is_logged if {
	count(bucket_access_logging.deny) == 0 with input as pass_logged
}

test_fail_when_trail_bucket_is_not_logged if {
	some f in bucket_access_logging.deny with input as fail_not_logged
	f.resource == "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"
	contains(f.msg, "org-cloudtrail-logs, which has no server access logging")
	count(bucket_access_logging.deny) == 1 with input as fail_no_logging_config
}
