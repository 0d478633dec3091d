package parapet.rules.aws.iam.single_active_access_key_test

import data.parapet.rules.aws.iam.single_active_access_key

account := {"provider": "aws", "id": "111122223333"}

report(rows) := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [{"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"Users": rows}}]}}

one_key := {"user": "alice", "arn": "arn:aws:iam::111122223333:user/alice", "access_key_1_active": "true", "access_key_2_active": "false"}

rotated := {"user": "carol", "arn": "arn:aws:iam::111122223333:user/carol", "access_key_1_active": "false", "access_key_2_active": "true"}

two_keys := {"user": "bob", "arn": "arn:aws:iam::111122223333:user/bob", "access_key_1_active": "true", "access_key_2_active": "true"}

pass_one_key_each := report([one_key, rotated])

fail_two_keys := report([one_key, two_keys])

test_pass_with_one_active_key if {
	count(single_active_access_key.deny) == 0 with input as pass_one_key_each
}

test_fail_with_two_active_keys if {
	some f in single_active_access_key.deny with input as fail_two_keys
	f.resource == "arn:aws:iam::111122223333:user/bob"
	contains(f.msg, "access_key_2_active=true")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in single_active_access_key.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
