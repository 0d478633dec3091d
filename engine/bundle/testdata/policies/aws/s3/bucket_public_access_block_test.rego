package parapet.rules.aws.s3.bucket_public_access_block_test

import data.parapet.rules.aws.s3.bucket_public_access_block as rule

open_bucket := {"resource": {"id": "arn:aws:s3:::open", "name": "open", "config": {}}, "facts": {"Parapet::S3::AccountPublicAccessBlock": []}}

blocked_bucket := {
	"resource": {"id": "arn:aws:s3:::closed", "name": "closed", "config": {"PublicAccessBlockConfiguration": {
		"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true,
	}}},
	"facts": {"Parapet::S3::AccountPublicAccessBlock": []},
}

account_blocked := {
	"resource": {"id": "arn:aws:s3:::open", "name": "open", "config": {}},
	"facts": {"Parapet::S3::AccountPublicAccessBlock": [{"id": "pab", "config": {
		"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true,
	}}]},
}

test_open_bucket_fails if count(rule.deny) == 4 with input as open_bucket

test_blocked_bucket_passes if count(rule.deny) == 0 with input as blocked_bucket

test_account_block_passes if count(rule.deny) == 0 with input as account_blocked
