package parapet.rules.aws.s3.object_write_logging_test

import data.parapet.rules.aws.s3.object_write_logging

bucket := {"id": "arn:aws:s3:::example-data", "type": "AWS::S3::Bucket", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"name": "example-data"}}

trail(multi_region, logging, basic, advanced) := {"id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "type": "Parapet::CloudTrail::TrailStatus", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"Trail": {"Name": "main", "IsMultiRegionTrail": multi_region, "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"},
	"Status": {"IsLogging": logging},
	"EventSelectors": basic,
	"AdvancedEventSelectors": advanced,
}}

all_buckets(rw) := [{"ReadWriteType": rw, "IncludeManagementEvents": true, "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]

this_bucket(rw) := [{"ReadWriteType": rw, "IncludeManagementEvents": true, "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::example-data/"]}]}]

# A bucket whose name starts like ours must not count.
prefix_bucket := [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::example-data-archive/"]}]}]

advanced_writes := [{"Name": "S3 writes", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}, {"Field": "readOnly", "Equals": ["false"]}]}]

advanced_this_bucket := [{"Name": "S3 bucket", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}, {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::example-data/"]}]}]

advanced_reads := [{"Name": "S3 reads", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}, {"Field": "readOnly", "Equals": ["true"]}]}]

pass_all_buckets := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(true, true, all_buckets("WriteOnly"), [])]}}

pass_this_bucket := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(true, true, this_bucket("All"), [])]}}

pass_advanced := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(true, true, [], advanced_writes)]}}

pass_advanced_bucket_arn := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(true, true, [], advanced_this_bucket)]}}

fail_read_only := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(true, true, all_buckets("ReadOnly"), advanced_reads)]}}

fail_other_bucket := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(true, true, prefix_bucket, [])]}}

fail_not_logging := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(true, false, all_buckets("All"), [])]}}

# A single-region trail in us-east-1 does not see a bucket in eu-west-1.
fail_other_region := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(false, true, all_buckets("All"), [])]}}

fail_no_trails := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": []}}

test_pass_when_writes_are_logged if {
	count(object_write_logging.deny) == 0 with input as pass_all_buckets
	count(object_write_logging.deny) == 0 with input as pass_this_bucket
	count(object_write_logging.deny) == 0 with input as pass_advanced
	count(object_write_logging.deny) == 0 with input as pass_advanced_bucket_arn
}

test_fail_when_writes_are_not_logged if {
	some f in object_write_logging.deny with input as fail_read_only
	f.resource == "arn:aws:s3:::example-data"
	contains(f.msg, "example-data: no logging CloudTrail trail records object-level write events")
	count(object_write_logging.deny) == 1 with input as fail_other_bucket
	count(object_write_logging.deny) == 1 with input as fail_not_logging
	count(object_write_logging.deny) == 1 with input as fail_other_region
	count(object_write_logging.deny) == 1 with input as fail_no_trails
}
