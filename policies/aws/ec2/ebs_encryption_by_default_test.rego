package parapet.rules.aws.ec2.ebs_encryption_by_default_test

import data.parapet.rules.aws.ec2.ebs_encryption_by_default

setting(enabled) := {"resource": {"id": "arn:aws:parapet:eu-west-1:111122223333:ebs-encryption-by-default", "type": "Parapet::EC2::EbsEncryptionByDefault", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"EbsEncryptionByDefault": enabled}}, "facts": {}}

pass_on := setting(true)

fail_off := setting(false)

test_pass_when_on if {
	count(ebs_encryption_by_default.deny) == 0 with input as pass_on
}

test_fail_when_off if {
	some f in ebs_encryption_by_default.deny with input as fail_off
	f.resource == "arn:aws:parapet:eu-west-1:111122223333:ebs-encryption-by-default"
	contains(f.msg, "EbsEncryptionByDefault=false")
}
