package parapet.rules.aws.s3.bucket_public_access_block_test

import data.parapet.rules.aws.s3.bucket_public_access_block

bucket_block := {"blockPublicAcls": true, "ignorePublicAcls": true, "blockPublicPolicy": true, "restrictPublicBuckets": true}

account_fact(config) := {"id": "arn:aws:parapet:global:111122223333:s3-public-access-block", "type": "Parapet::S3::AccountPublicAccessBlock", "provider": "aws", "account": "111122223333", "region": "global", "config": config}

bucket(block, facts) := {"resource": {"id": "arn:aws:s3:::example-data", "type": "AWS::S3::Bucket", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"name": "example-data", "PublicAccessBlockConfiguration": block}}, "facts": {"Parapet::S3::AccountPublicAccessBlock": facts}}

pass_bucket_level := bucket(bucket_block, [account_fact({})])

pass_account_level := bucket(null, [account_fact({"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true})])

# Bucket and account each block part; together all four are covered.
pass_combined := bucket({"blockPublicAcls": true, "ignorePublicAcls": true, "blockPublicPolicy": false, "restrictPublicBuckets": false}, [account_fact({"BlockPublicPolicy": true, "RestrictPublicBuckets": true})])

fail_partial := bucket(object.union(bucket_block, {"restrictPublicBuckets": false}), [account_fact({})])

fail_nothing := bucket(null, [])

test_pass_when_blocked if {
	count(bucket_public_access_block.deny) == 0 with input as pass_bucket_level
	count(bucket_public_access_block.deny) == 0 with input as pass_account_level
	count(bucket_public_access_block.deny) == 0 with input as pass_combined
}

test_fail_when_a_setting_is_off if {
	some f in bucket_public_access_block.deny with input as fail_partial
	f.resource == "arn:aws:s3:::example-data"
	f.evidence.settings_off == ["RestrictPublicBuckets"]
	some g in bucket_public_access_block.deny with input as fail_nothing
	count(g.evidence.settings_off) == 4
}
