package parapet.rules.aws.iam.support_role_test

import data.parapet.rules.aws.iam.support_role

account := {"provider": "aws", "id": "111122223333"}

entities(config) := {"account": account, "resources": {"Parapet::IAM::PolicyEntities": [{"id": "arn:aws:parapet:global:111122223333:policy-entities/AWSSupportAccess", "type": "Parapet::IAM::PolicyEntities", "provider": "aws", "account": "111122223333", "region": "global", "config": config}]}}

pass_role_attached := entities({"PolicyArn": "arn:aws:iam::aws:policy/AWSSupportAccess", "PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": [{"RoleName": "support", "RoleId": "AROAEXAMPLE"}]})

fail_only_user := entities({"PolicyArn": "arn:aws:iam::aws:policy/AWSSupportAccess", "PolicyGroups": [], "PolicyUsers": [{"UserName": "alice", "UserId": "AIDAEXAMPLE"}], "PolicyRoles": []})

test_pass_when_a_role_has_support_access if {
	count(support_role.deny) == 0 with input as pass_role_attached
}

test_fail_when_no_role_has_support_access if {
	some f in support_role.deny with input as fail_only_user
	f.resource == "arn:aws:parapet:global:111122223333:policy-entities/AWSSupportAccess"
	contains(f.msg, "1 users")
}

fail_not_collected := {"account": account, "resources": {"Parapet::IAM::PolicyEntities": [{"id": "arn:aws:parapet:global:111122223333:policy-entities/AWSCloudShellFullAccess", "type": "Parapet::IAM::PolicyEntities", "provider": "aws", "account": "111122223333", "region": "global", "config": {"PolicyArn": "arn:aws:iam::aws:policy/AWSCloudShellFullAccess", "PolicyRoles": []}}]}}

test_fail_when_support_entities_are_missing if {
	some f in support_role.deny with input as fail_not_collected
	f.resource == "aws:account:111122223333"
	contains(f.msg, "were not collected")
}
