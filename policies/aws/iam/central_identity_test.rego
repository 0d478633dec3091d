package parapet.rules.aws.iam.central_identity_test

import data.parapet.rules.aws.iam.central_identity

account := {"provider": "aws", "id": "111122223333"}

report := {"id": "arn:aws:parapet:global:111122223333:credential-report", "type": "Parapet::IAM::CredentialReport", "provider": "aws", "account": "111122223333", "region": "global", "config": {"Users": [
	{"user": "<root_account>", "arn": "arn:aws:iam::111122223333:root", "password_enabled": "not_supported"},
	{"user": "alice", "arn": "arn:aws:iam::111122223333:user/alice", "password_enabled": "true"},
	{"user": "ci-robot", "arn": "arn:aws:iam::111122223333:user/ci-robot", "password_enabled": "false"},
]}}

robots_only := object.union(report, {"config": {"Users": [{"user": "ci-robot", "arn": "arn:aws:iam::111122223333:user/ci-robot", "password_enabled": "false"}]}})

saml := {"id": "arn:aws:iam::111122223333:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE", "type": "AWS::IAM::SAMLProvider", "provider": "aws", "account": "111122223333", "region": "global", "config": {"Arn": "arn:aws:iam::111122223333:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE", "Name": "AWSSSO_0123456789abcdef_DO_NOT_DELETE"}}

pass_federated := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report], "AWS::IAM::SAMLProvider": [saml]}}

pass_no_console_users := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [robots_only], "AWS::IAM::SAMLProvider": []}}

fail_local_users := {"account": account, "resources": {"Parapet::IAM::CredentialReport": [report], "AWS::IAM::SAMLProvider": []}}

test_pass_with_identity_provider if {
	count(central_identity.deny) == 0 with input as pass_federated
	count(central_identity.deny) == 0 with input as pass_no_console_users
}

test_fail_with_local_console_users_only if {
	some f in central_identity.deny with input as fail_local_users
	f.resource == "aws:account:111122223333"
	contains(f.msg, "1 local IAM console user(s): alice")
}

fail_no_credential_report := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::CredentialReport": []}}

test_fail_when_credential_report_is_missing if {
	some f in central_identity.deny with input as fail_no_credential_report with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.msg == "account 111122223333: no Parapet::IAM::CredentialReport was collected, so this cannot be verified"
}
