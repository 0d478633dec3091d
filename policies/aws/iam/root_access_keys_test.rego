package parapet.rules.aws.iam.root_access_keys_test

import data.parapet.rules.aws.iam.root_access_keys

report(root) := {"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"GeneratedTime": "2024-06-01T00:00:00Z", "Users": [
	root,
	{"user": "alice", "arn": "arn:aws:iam::111122223333:user/alice", "password_enabled": "true", "mfa_active": "true", "access_key_1_active": "true", "access_key_2_active": "false"},
]}}

root_row := {"user": "<root_account>", "arn": "arn:aws:iam::111122223333:root", "password_enabled": "not_supported", "mfa_active": "true", "access_key_1_active": "false", "access_key_1_last_rotated": "N/A", "access_key_2_active": "false", "access_key_2_last_rotated": "N/A"}

account := {"provider": "aws", "id": "111122223333"}

pass_no_root_keys := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(root_row)]}}

fail_root_key_1 := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(object.union(root_row, {"access_key_1_active": "true", "access_key_1_last_rotated": "2019-01-01T00:00:00+00:00"}))]}}

fail_root_key_2_only := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(object.union(root_row, {"access_key_2_active": "true"}))]}}

test_pass_when_root_has_no_active_keys if {
	count(root_access_keys.deny) == 0 with input as pass_no_root_keys
}

test_fail_when_root_key_1_is_active if {
	some f in root_access_keys.deny with input as fail_root_key_1
	f.resource == "arn:aws:iam::111122223333:root"
	contains(f.msg, "111122223333")
	contains(f.msg, "access_key_1_active=true")
}

test_fail_when_only_root_key_2_is_active if {
	some f in root_access_keys.deny with input as fail_root_key_2_only
	contains(f.msg, "access_key_2_active=true")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in root_access_keys.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
