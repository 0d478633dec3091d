package parapet.rules.aws.iam.password_policy_reuse_test

import data.parapet.rules.aws.iam.password_policy_reuse

policy(config) := {"resource": {"id": "arn:aws:parapet:global:111122223333:password-policy", "type": "Parapet::IAM::PasswordPolicy", "provider": "aws", "account": "111122223333", "region": "global", "config": config}, "facts": {}}

pass_24 := policy({"MinimumPasswordLength": 14, "PasswordReusePrevention": 24})

fail_23 := policy({"MinimumPasswordLength": 14, "PasswordReusePrevention": 23})

fail_unset := policy({"MinimumPasswordLength": 14})

test_pass_at_24 if {
	count(password_policy_reuse.deny) == 0 with input as pass_24
}

test_fail_at_23 if {
	some f in password_policy_reuse.deny with input as fail_23
	contains(f.msg, "remembers 23 previous")
}

test_fail_when_unset if {
	some f in password_policy_reuse.deny with input as fail_unset
	contains(f.msg, "remembers null previous")
}
