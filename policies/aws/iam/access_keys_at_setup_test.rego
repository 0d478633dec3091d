package parapet.rules.aws.iam.access_keys_at_setup_test

import data.parapet.rules.aws.iam.access_keys_at_setup

account := {"provider": "aws", "id": "111122223333"}

report(rows) := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [{"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"Users": rows}}]}}

used_key := {"user": "alice", "arn": "arn:aws:iam::111122223333:user/alice", "password_enabled": "true", "access_key_1_active": "true", "access_key_1_last_used_date": "2024-05-01T10:00:00+00:00", "access_key_2_active": "false", "access_key_2_last_used_date": "N/A"}

robot_unused := {"user": "ci-robot", "arn": "arn:aws:iam::111122223333:user/ci-robot", "password_enabled": "false", "access_key_1_active": "true", "access_key_1_last_used_date": "N/A", "access_key_2_active": "false"}

bob_unused := {"user": "bob", "arn": "arn:aws:iam::111122223333:user/bob", "password_enabled": "true", "access_key_1_active": "false", "access_key_1_last_used_date": "N/A", "access_key_2_active": "true", "access_key_2_last_used_date": "N/A"}

pass_used_or_programmatic := report([used_key, robot_unused])

fail_console_user_unused_key := report([used_key, bob_unused])

test_pass_when_keys_are_used_or_user_has_no_password if {
	count(access_keys_at_setup.deny) == 0 with input as pass_used_or_programmatic
}

test_fail_for_unused_key_of_console_user if {
	some f in access_keys_at_setup.deny with input as fail_console_user_unused_key
	f.resource == "arn:aws:iam::111122223333:user/bob"
	contains(f.msg, "access key 2")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in access_keys_at_setup.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
