package parapet.rules.aws.iam.user_direct_policies_test

import data.parapet.rules.aws.iam.user_direct_policies

user(config) := {"resource": {"id": "arn:aws:iam::111122223333:user/alice", "type": "AWS::IAM::User", "provider": "aws", "account": "111122223333", "region": "global", "config": object.union({"userName": "alice", "userId": "AIDAEXAMPLE", "arn": "arn:aws:iam::111122223333:user/alice", "path": "/", "createDate": "2023-01-01T00:00:00.000Z", "groupList": ["developers"]}, config)}, "facts": {}}

pass_groups_only := user({"attachedManagedPolicies": [], "userPolicyList": []})

fail_managed := user({"attachedManagedPolicies": [{"policyArn": "arn:aws:iam::aws:policy/AmazonS3FullAccess", "policyName": "AmazonS3FullAccess"}], "userPolicyList": []})

fail_inline := user({"attachedManagedPolicies": [], "userPolicyList": [{"policyName": "inline-admin", "policyDocument": "%7B%7D"}]})

test_pass_when_permissions_come_from_groups if {
	count(user_direct_policies.deny) == 0 with input as pass_groups_only
}

test_fail_with_managed_policy if {
	some f in user_direct_policies.deny with input as fail_managed
	f.resource == "arn:aws:iam::111122223333:user/alice"
	contains(f.msg, "AmazonS3FullAccess")
}

test_fail_with_inline_policy if {
	some f in user_direct_policies.deny with input as fail_inline
	contains(f.msg, "inline-admin")
}
