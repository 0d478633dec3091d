package parapet.rules.aws.iam.access_key_rotation_test

import data.parapet.rules.aws.iam.access_key_rotation

# 2024-06-01T00:00:00Z; 90 days earlier is 2024-03-03T00:00:00Z.
now := 1717200000000000000

account := {"provider": "aws", "id": "111122223333"}

report(rows) := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [{"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"Users": rows}}]}}

at_threshold := {"user": "alice", "arn": "arn:aws:iam::111122223333:user/alice", "access_key_1_active": "true", "access_key_1_last_rotated": "2024-03-03T00:00:00+00:00", "access_key_2_active": "false", "access_key_2_last_rotated": "2020-01-01T00:00:00+00:00"}

stale := {"user": "bob", "arn": "arn:aws:iam::111122223333:user/bob", "access_key_1_active": "false", "access_key_1_last_rotated": "N/A", "access_key_2_active": "true", "access_key_2_last_rotated": "2024-03-02T23:59:59+00:00"}

pass_exactly_90_days := report([at_threshold])

fail_over_90_days := report([at_threshold, stale])

test_pass_at_exactly_90_days_and_inactive_old_key if {
	count(access_key_rotation.deny) == 0 with input as pass_exactly_90_days with time.now_ns as now
}

test_fail_one_second_over_90_days if {
	findings := access_key_rotation.deny with input as fail_over_90_days with time.now_ns as now
	count(findings) == 1
	some f in findings
	f.resource == "arn:aws:iam::111122223333:user/bob"
	contains(f.msg, "access key 2 was last rotated 90 days ago")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in access_key_rotation.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
