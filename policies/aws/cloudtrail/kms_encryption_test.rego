package parapet.rules.aws.cloudtrail.kms_encryption_test

import data.parapet.rules.aws.cloudtrail.kms_encryption

trail := {"id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "type": "Parapet::CloudTrail::TrailStatus", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"Trail": {"Name": "main", "S3BucketName": "org-cloudtrail-logs", "IncludeGlobalServiceEvents": true, "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "LogFileValidationEnabled": true, "KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
	"Status": {"IsLogging": true},
	"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}],
	"AdvancedEventSelectors": [],
}}

with_trail(t, fields) := object.union(t, {"config": object.union(t.config, {"Trail": object.union(t.config.Trail, fields)})})

pass_kms := {"resource": trail, "facts": {}}

fail_no_kms := {"resource": with_trail(trail, {"KmsKeyId": ""}), "facts": {}}

test_pass_with_kms_key if {
	count(kms_encryption.deny) == 0 with input as pass_kms
}

test_fail_without_kms_key if {
	some f in kms_encryption.deny with input as fail_no_kms
	contains(f.msg, "main logs are not encrypted")
}
