package parapet.rules.aws.iam.root_hardware_mfa_test

import data.parapet.rules.aws.iam.root_hardware_mfa

account := {"provider": "aws", "id": "111122223333"}

summary(config) := {"id": "arn:aws:parapet:global:111122223333:account-summary", "type": "Parapet::IAM::AccountSummary", "provider": "aws", "account": "111122223333", "region": "global", "config": config}

user_device := {"SerialNumber": "arn:aws:iam::111122223333:mfa/alice", "User": {"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice"}, "EnableDate": "2024-01-01T00:00:00Z"}

unassigned_device := {"SerialNumber": "arn:aws:iam::111122223333:mfa/spare"}

root_device := {"SerialNumber": "arn:aws:iam::111122223333:mfa/root-account-mfa-device", "User": {"Arn": "arn:aws:iam::111122223333:root", "UserId": "111122223333"}, "EnableDate": "2024-01-01T00:00:00Z"}

pass_hardware := {"account": account, "resources": {"Parapet::IAM::AccountSummary": [summary({"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0, "Users": 3, "VirtualMFADevices": [user_device, unassigned_device]})]}}

fail_virtual := {"account": account, "resources": {"Parapet::IAM::AccountSummary": [summary({"AccountMFAEnabled": 1, "VirtualMFADevices": [user_device, root_device]})]}}

fail_no_mfa := {"account": account, "resources": {"Parapet::IAM::AccountSummary": [summary({"AccountMFAEnabled": 0, "VirtualMFADevices": []})]}}

test_pass_when_root_mfa_is_not_virtual if {
	count(root_hardware_mfa.deny) == 0 with input as pass_hardware
}

test_fail_when_root_mfa_is_virtual if {
	some f in root_hardware_mfa.deny with input as fail_virtual
	f.resource == "arn:aws:iam::111122223333:root"
	contains(f.msg, "mfa/root-account-mfa-device")
}

test_fail_when_root_has_no_mfa if {
	some f in root_hardware_mfa.deny with input as fail_no_mfa
	f.resource == "arn:aws:parapet:global:111122223333:account-summary"
	contains(f.msg, "AccountMFAEnabled=0")
}

fail_fact_missing := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::AccountSummary": []}}

test_fail_when_the_fact_is_missing if {
	some f in root_hardware_mfa.deny with input as fail_fact_missing with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.evidence == {"missing": "Parapet::IAM::AccountSummary"}
}
