package parapet.rules.aws.cloudtrail.log_file_validation_test

import data.parapet.rules.aws.cloudtrail.log_file_validation

trail := {"id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "type": "Parapet::CloudTrail::TrailStatus", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"Trail": {"Name": "main", "S3BucketName": "org-cloudtrail-logs", "IncludeGlobalServiceEvents": true, "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "LogFileValidationEnabled": true, "KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
	"Status": {"IsLogging": true},
	"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}],
	"AdvancedEventSelectors": [],
}}

with_trail(t, fields) := object.union(t, {"config": object.union(t.config, {"Trail": object.union(t.config.Trail, fields)})})

pass_validated := {"resource": trail, "facts": {}}

fail_not_validated := {"resource": with_trail(trail, {"LogFileValidationEnabled": false}), "facts": {}}

test_pass_when_validated if {
	count(log_file_validation.deny) == 0 with input as pass_validated
}

test_fail_when_not_validated if {
	some f in log_file_validation.deny with input as fail_not_validated
	f.resource == "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"
	contains(f.msg, "main does not validate log files (LogFileValidationEnabled=false)")
}
