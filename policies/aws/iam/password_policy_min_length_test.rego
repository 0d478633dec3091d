package parapet.rules.aws.iam.password_policy_min_length_test

import data.parapet.rules.aws.iam.password_policy_min_length

policy(config) := {"resource": {"id": "arn:aws:parapet:global:111122223333:password-policy", "type": "Parapet::IAM::PasswordPolicy", "provider": "aws", "account": "111122223333", "region": "global", "config": config}, "facts": {}}

base := {"MinimumPasswordLength": 14, "RequireSymbols": true, "RequireNumbers": true, "RequireUppercaseCharacters": true, "RequireLowercaseCharacters": true, "AllowUsersToChangePassword": true, "ExpirePasswords": false, "PasswordReusePrevention": 24}

pass_exactly_14 := policy(base)

fail_13 := policy(object.union(base, {"MinimumPasswordLength": 13}))

fail_no_policy := policy({})

test_pass_at_14 if {
	count(password_policy_min_length.deny) == 0 with input as pass_exactly_14
}

test_fail_at_13 if {
	some f in password_policy_min_length.deny with input as fail_13
	f.resource == "arn:aws:parapet:global:111122223333:password-policy"
	contains(f.msg, "minimum length is 13")
}

test_fail_without_policy if {
	some f in password_policy_min_length.deny with input as fail_no_policy
	contains(f.msg, "minimum length is null")
}
