package parapet.rules.aws.iam.root_account_usage_test

import data.parapet.rules.aws.iam.root_account_usage

# 2024-06-01T00:00:00Z
now := 1717200000000000000

account := {"provider": "aws", "id": "111122223333"}

report(root) := {"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"Users": [root]}}

root_row := {"user": "<root_account>", "arn": "arn:aws:iam::111122223333:root", "password_last_used": "2023-01-10T08:00:00+00:00", "access_key_1_active": "false", "access_key_1_last_used_date": "N/A", "access_key_2_last_used_date": "N/A"}

pass_old_use := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(root_row)]}}

# Exactly 30 days ago is still inside the window.
fail_password_at_window := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(object.union(root_row, {"password_last_used": "2024-05-02T00:00:00+00:00"}))]}}

pass_just_outside_window := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(object.union(root_row, {"password_last_used": "2024-05-01T23:59:59+00:00"}))]}}

fail_key_used := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(object.union(root_row, {"password_last_used": "no_information", "access_key_2_last_used_date": "2024-05-30T12:00:00+00:00"}))]}}

test_pass_when_root_not_used_recently if {
	count(root_account_usage.deny) == 0 with input as pass_old_use with time.now_ns as now
	count(root_account_usage.deny) == 0 with input as pass_just_outside_window with time.now_ns as now
}

test_fail_when_root_password_used_30_days_ago if {
	some f in root_account_usage.deny with input as fail_password_at_window with time.now_ns as now
	f.resource == "arn:aws:iam::111122223333:root"
	contains(f.msg, "password_last_used=2024-05-02T00:00:00+00:00")
}

test_fail_when_root_key_used if {
	some f in root_account_usage.deny with input as fail_key_used with time.now_ns as now
	contains(f.msg, "access_key_2_last_used_date=2024-05-30T12:00:00+00:00")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in root_account_usage.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
