package parapet.rules.aws.iam.root_mfa_test

import data.parapet.rules.aws.iam.root_mfa

account := {"provider": "aws", "id": "111122223333"}

report(root) := {"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"GeneratedTime": "2024-06-01T00:00:00Z", "Users": [root]}}

root_row := {"user": "<root_account>", "arn": "arn:aws:iam::111122223333:root", "password_enabled": "not_supported", "mfa_active": "true", "access_key_1_active": "false", "access_key_2_active": "false"}

pass_root_mfa := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(root_row)]}}

fail_root_no_mfa := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report(object.union(root_row, {"mfa_active": "false"}))]}}

test_pass_when_root_has_mfa if {
	count(root_mfa.deny) == 0 with input as pass_root_mfa
}

test_fail_when_root_has_no_mfa if {
	some f in root_mfa.deny with input as fail_root_no_mfa
	f.resource == "arn:aws:iam::111122223333:root"
	contains(f.msg, "mfa_active=false")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in root_mfa.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
