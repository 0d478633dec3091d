package parapet.rules.aws.iam.user_mfa_test

import data.parapet.rules.aws.iam.user_mfa

users := {"account": {"provider": "aws", "id": "1"}, "resources": {"AWS::IAM::User": [{"id": "u1", "name": "u1", "config": {"MFA": true}}, {"id": "u2", "name": "u2", "config": {}}]}}

test_user_without_mfa_fails if {
	some entry in user_mfa.deny with input as users
	entry.resource == "u2"
	count(user_mfa.deny) == 1 with input as users
}
