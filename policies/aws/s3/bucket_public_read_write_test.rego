package parapet.rules.aws.s3.bucket_public_read_write_test

import data.parapet.rules.aws.s3.bucket_public_read_write

owner_grant := "{\"grantee\":{\"id\":\"79a59df900b949e55d96a1e698fbaced\",\"displayName\":null},\"permission\":\"FullControl\"}"

acl(extra_grants) := sprintf("{\"grantSet\":null,\"grantList\":[%s],\"owner\":{\"displayName\":null,\"id\":\"79a59df900b949e55d96a1e698fbaced\"},\"isRequesterCharged\":false}", [concat(",", array.concat([owner_grant], extra_grants))])

bucket(extra, account_block) := {"resource": {"id": "arn:aws:s3:::example-site", "type": "AWS::S3::Bucket", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": object.union({"name": "example-site", "AccessControlList": acl([]), "BucketPolicy": {"policyText": null}, "PublicAccessBlockConfiguration": null}, extra)}, "facts": {"Parapet::S3::AccountPublicAccessBlock": [{"id": "arn:aws:parapet:global:111122223333:s3-public-access-block", "type": "Parapet::S3::AccountPublicAccessBlock", "provider": "aws", "account": "111122223333", "region": "global", "config": account_block}]}}

public_policy := "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::example-site/*\"}]}"

conditional_policy := "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::example-site/*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}}]}"

pass_private := bucket({}, {})

pass_org_only_policy := bucket({"BucketPolicy": {"policyText": conditional_policy}}, {})

# Public grants and policy exist, but the account-level block neutralises them.
pass_neutralised_by_account := bucket({"AccessControlList": acl(["{\"grantee\":\"AllUsers\",\"permission\":\"Read\"}"]), "BucketPolicy": {"policyText": public_policy}}, {"IgnorePublicAcls": true, "RestrictPublicBuckets": true})

fail_acl_all_users_write := bucket({"AccessControlList": acl(["{\"grantee\":\"AllUsers\",\"permission\":\"Write\"}"])}, {})

fail_acl_authenticated_users_uri := bucket({"AccessControlList": {"grantList": [{"grantee": {"uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}, "permission": "Read"}]}}, {})

fail_public_policy := bucket({"BucketPolicy": {"policyText": public_policy}, "PublicAccessBlockConfiguration": {"blockPublicAcls": true, "ignorePublicAcls": true, "blockPublicPolicy": false, "restrictPublicBuckets": false}}, {})

test_pass_when_not_public if {
	count(bucket_public_read_write.deny) == 0 with input as pass_private
	count(bucket_public_read_write.deny) == 0 with input as pass_org_only_policy
	count(bucket_public_read_write.deny) == 0 with input as pass_neutralised_by_account
}

test_fail_for_public_acl_grants if {
	some f in bucket_public_read_write.deny with input as fail_acl_all_users_write
	f.msg == "S3 bucket example-site grants Write to AllUsers through its ACL"
	some g in bucket_public_read_write.deny with input as fail_acl_authenticated_users_uri
	g.evidence.grantee == "AuthenticatedUsers"
}

test_fail_for_public_policy if {
	some f in bucket_public_read_write.deny with input as fail_public_policy
	f.resource == "arn:aws:s3:::example-site"
	contains(f.msg, "allows s3:GetObject to everyone")
}
