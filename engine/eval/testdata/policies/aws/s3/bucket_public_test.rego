package parapet.rules.aws.s3.bucket_public_test

import data.parapet.rules.aws.s3.bucket_public

public_bucket := {"resource": {"id": "b", "name": "b", "config": {"Public": true}}, "facts": {"Parapet::S3::AccountPublicAccessBlock": []}}

blocked_bucket := {"resource": {"id": "b", "name": "b", "config": {"Public": true}}, "facts": {"Parapet::S3::AccountPublicAccessBlock": [{"account": "1", "config": {"BlockAll": true}}]}}

test_public_bucket_fails if {
	count(bucket_public.deny) == 1 with input as public_bucket
}

test_account_block_passes if {
	count(bucket_public.deny) == 0 with input as blocked_bucket
}
