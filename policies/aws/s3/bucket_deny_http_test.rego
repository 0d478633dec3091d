package parapet.rules.aws.s3.bucket_deny_http_test

import data.parapet.rules.aws.s3.bucket_deny_http

bucket(extra) := {"resource": {"id": "arn:aws:s3:::example-data", "type": "AWS::S3::Bucket", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": object.union({"name": "example-data", "owner": {"displayName": null, "id": "abc"}, "creationDate": "2023-01-01T00:00:00.000Z"}, extra)}, "facts": {}}

tls_policy := "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowRead\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/app\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::example-data/*\"},{\"Sid\":\"DenyHttp\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::example-data\",\"arn:aws:s3:::example-data/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"

tls_policy_aws_star := "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":[\"*\"]},\"Action\":[\"*\"],\"Resource\":\"arn:aws:s3:::example-data/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":[false]}}}}"

# Denies only one action: HTTP stays open for the rest.
narrow_policy := "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::example-data/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"

pass_tls_policy := bucket({"BucketPolicy": {"policyText": tls_policy}})

pass_tls_policy_aws_star := bucket({"BucketPolicy": {"policyText": tls_policy_aws_star}})

fail_no_policy := bucket({"BucketPolicy": {"policyText": null}})

fail_narrow_policy := bucket({"BucketPolicy": {"policyText": narrow_policy}})

test_pass_with_secure_transport_deny if {
	count(bucket_deny_http.deny) == 0 with input as pass_tls_policy
	count(bucket_deny_http.deny) == 0 with input as pass_tls_policy_aws_star
}

test_fail_without_policy if {
	some f in bucket_deny_http.deny with input as fail_no_policy
	f.resource == "arn:aws:s3:::example-data"
	contains(f.msg, "example-data")
	contains(f.msg, "policy: none")
}

test_fail_when_deny_covers_one_action if {
	some f in bucket_deny_http.deny with input as fail_narrow_policy
	contains(f.msg, "policy: present")
}
