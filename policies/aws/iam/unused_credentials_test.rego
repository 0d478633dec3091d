package parapet.rules.aws.iam.unused_credentials_test

import data.parapet.rules.aws.iam.unused_credentials

# 2024-06-01T00:00:00Z; 45 days earlier is 2024-04-17T00:00:00Z.
now := 1717200000000000000

account := {"provider": "aws", "id": "111122223333"}

report(rows) := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [{"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"Users": rows}}]}}

active_user := {"user": "alice", "arn": "arn:aws:iam::111122223333:user/alice", "user_creation_time": "2022-01-01T00:00:00+00:00", "password_enabled": "true", "password_last_used": "2024-05-30T00:00:00+00:00", "access_key_1_active": "true", "access_key_1_last_rotated": "2024-01-01T00:00:00+00:00", "access_key_1_last_used_date": "2024-05-31T00:00:00+00:00", "access_key_2_active": "false"}

# One second short of 45 days idle.
almost_idle := {"user": "carol", "arn": "arn:aws:iam::111122223333:user/carol", "user_creation_time": "2022-01-01T00:00:00+00:00", "password_enabled": "true", "password_last_used": "2024-04-17T00:00:01+00:00", "access_key_1_active": "false", "access_key_2_active": "false"}

# Exactly 45 days idle.
idle_password := {"user": "bob", "arn": "arn:aws:iam::111122223333:user/bob", "user_creation_time": "2022-01-01T00:00:00+00:00", "password_enabled": "true", "password_last_used": "2024-04-17T00:00:00+00:00", "access_key_1_active": "false", "access_key_2_active": "false"}

never_used := {"user": "dave", "arn": "arn:aws:iam::111122223333:user/dave", "user_creation_time": "2024-01-01T00:00:00+00:00", "password_enabled": "true", "password_last_used": "no_information", "access_key_1_active": "false", "access_key_2_active": "true", "access_key_2_last_rotated": "2024-02-01T00:00:00+00:00", "access_key_2_last_used_date": "N/A"}

pass_recent := report([active_user, almost_idle])

fail_idle_password := report([active_user, idle_password])

fail_never_used := report([never_used])

test_pass_when_credentials_are_used if {
	count(unused_credentials.deny) == 0 with input as pass_recent with time.now_ns as now
}

test_fail_at_exactly_45_days if {
	some f in unused_credentials.deny with input as fail_idle_password with time.now_ns as now
	f.resource == "arn:aws:iam::111122223333:user/bob"
	contains(f.msg, "unused for 45 days")
}

test_fail_for_never_used_password_and_key if {
	findings := unused_credentials.deny with input as fail_never_used with time.now_ns as now
	count(findings) == 2
	some f in findings
	f.evidence.credential == "access_key_2"
	contains(f.msg, "last used: N/A")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in unused_credentials.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
