package parapet.rules.aws.iam.cloudshell_full_access_test

import data.parapet.rules.aws.iam.cloudshell_full_access

role(policies) := {"resource": {"id": "arn:aws:iam::111122223333:role/ops", "type": "AWS::IAM::Role", "provider": "aws", "account": "111122223333", "region": "global", "config": {"roleName": "ops", "arn": "arn:aws:iam::111122223333:role/ops", "attachedManagedPolicies": policies, "rolePolicyList": []}}, "facts": {}}

pass_other_policies := role([{"policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "policyName": "ReadOnlyAccess"}])

fail_cloudshell := role([{"policyArn": "arn:aws:iam::aws:policy/AWSCloudShellFullAccess", "policyName": "AWSCloudShellFullAccess"}])

test_pass_without_cloudshell_full_access if {
	count(cloudshell_full_access.deny) == 0 with input as pass_other_policies
}

test_fail_with_cloudshell_full_access if {
	some f in cloudshell_full_access.deny with input as fail_cloudshell
	f.resource == "arn:aws:iam::111122223333:role/ops"
	contains(f.msg, "AWS::IAM::Role arn:aws:iam::111122223333:role/ops")
}
