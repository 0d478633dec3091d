package parapet.rules.aws.s3.bucket_mfa_delete_test

import data.parapet.rules.aws.s3.bucket_mfa_delete

bucket(versioning) := {"resource": {"id": "arn:aws:s3:::example-data", "type": "AWS::S3::Bucket", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"name": "example-data", "BucketVersioningConfiguration": versioning}}, "facts": {}}

pass_mfa_delete := bucket({"status": "Enabled", "isMfaDeleteEnabled": true})

fail_versioning_only := bucket({"status": "Enabled", "isMfaDeleteEnabled": false})

fail_versioning_off := bucket({"status": "Off"})

test_pass_with_mfa_delete if {
	count(bucket_mfa_delete.deny) == 0 with input as pass_mfa_delete
}

test_fail_without_mfa_delete if {
	some f in bucket_mfa_delete.deny with input as fail_versioning_only
	contains(f.msg, "isMfaDeleteEnabled=false")
	some g in bucket_mfa_delete.deny with input as fail_versioning_off
	contains(g.msg, "status=Off")
}
