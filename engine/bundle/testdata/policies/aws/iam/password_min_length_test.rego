package parapet.rules.aws.iam.password_min_length_test

import data.parapet.rules.aws.iam.password_min_length as rule

short_policy := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::PasswordPolicy": [{"id": "pp", "config": {"MinimumPasswordLength": 8}}]}}

long_policy := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::PasswordPolicy": [{"id": "pp", "config": {"MinimumPasswordLength": 16}}]}}

test_short_fails if count(rule.deny) == 1 with input as short_policy

test_long_passes if count(rule.deny) == 0 with input as long_policy
