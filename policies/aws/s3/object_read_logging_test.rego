package parapet.rules.aws.s3.object_read_logging_test

import data.parapet.rules.aws.s3.object_read_logging

bucket := {"id": "arn:aws:s3:::example-data", "type": "AWS::S3::Bucket", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {"name": "example-data"}}

trail(basic, advanced) := {"id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/local", "type": "Parapet::CloudTrail::TrailStatus", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"Trail": {"Name": "local", "IsMultiRegionTrail": false, "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/local"},
	"Status": {"IsLogging": true},
	"EventSelectors": basic,
	"AdvancedEventSelectors": advanced,
}}

selector(rw) := [{"ReadWriteType": rw, "IncludeManagementEvents": true, "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::"]}]}]

advanced(read_only) := [{"Name": "S3", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}, {"Field": "readOnly", "Equals": [read_only]}]}]

# Same-region single-region trail logging reads of every bucket.
pass_reads := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(selector("ReadOnly"), [])]}}

pass_advanced_reads := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail([], advanced("true"))]}}

fail_writes_only := {"resource": bucket, "facts": {"Parapet::CloudTrail::TrailStatus": [trail(selector("WriteOnly"), advanced("false"))]}}

test_pass_when_reads_are_logged if {
	count(object_read_logging.deny) == 0 with input as pass_reads
	count(object_read_logging.deny) == 0 with input as pass_advanced_reads
}

test_fail_when_only_writes_are_logged if {
	some f in object_read_logging.deny with input as fail_writes_only
	contains(f.msg, "object-level read events")
	contains(f.msg, "1 trail(s) checked")
}
