package parapet.rules.aws.iam.console_user_mfa_test

import data.parapet.rules.aws.iam.console_user_mfa

account := {"provider": "aws", "id": "111122223333"}

report(rows) := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [{"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"Users": rows}}]}}

root := {"user": "<root_account>", "arn": "arn:aws:iam::111122223333:root", "password_enabled": "not_supported", "mfa_active": "false"}

alice := {"user": "alice", "arn": "arn:aws:iam::111122223333:user/alice", "password_enabled": "true", "mfa_active": "true"}

robot := {"user": "ci-robot", "arn": "arn:aws:iam::111122223333:user/ci-robot", "password_enabled": "false", "mfa_active": "false"}

bob := {"user": "bob", "arn": "arn:aws:iam::111122223333:user/bob", "password_enabled": "true", "mfa_active": "false"}

pass_all_console_users_mfa := report([root, alice, robot])

fail_bob_without_mfa := report([root, alice, robot, bob])

test_pass_when_console_users_have_mfa if {
	count(console_user_mfa.deny) == 0 with input as pass_all_console_users_mfa
}

test_fail_for_console_user_without_mfa if {
	findings := console_user_mfa.deny with input as fail_bob_without_mfa
	count(findings) == 1
	some f in findings
	f.resource == "arn:aws:iam::111122223333:user/bob"
	contains(f.msg, "bob")
	contains(f.msg, "mfa_active=false")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in console_user_mfa.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
