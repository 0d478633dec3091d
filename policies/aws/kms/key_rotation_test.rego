package parapet.rules.aws.kms.key_rotation_test

import data.parapet.rules.aws.kms.key_rotation

key(extra) := {"resource": {"id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "type": "AWS::KMS::Key", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": object.union({"keyId": "1234abcd-12ab-34cd-56ef-1234567890ab", "arn": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "keyManager": "CUSTOMER", "keyState": "Enabled", "keyUsage": "ENCRYPT_DECRYPT", "customerMasterKeySpec": "SYMMETRIC_DEFAULT", "origin": "AWS_KMS", "enabled": true}, extra)}, "facts": {}}

pass_rotating := key({"KeyRotationStatus": true})

pass_aws_managed := key({"keyManager": "AWS", "KeyRotationStatus": false})

pass_asymmetric := key({"customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY", "KeyRotationStatus": false})

pass_pending_deletion := key({"keyState": "PendingDeletion", "KeyRotationStatus": false})

fail_not_rotating := key({"KeyRotationStatus": false})

test_pass_when_rotating_or_out_of_scope if {
	count(key_rotation.deny) == 0 with input as pass_rotating
	count(key_rotation.deny) == 0 with input as pass_aws_managed
	count(key_rotation.deny) == 0 with input as pass_asymmetric
	count(key_rotation.deny) == 0 with input as pass_pending_deletion
}

test_fail_when_not_rotating if {
	some f in key_rotation.deny with input as fail_not_rotating
	contains(f.msg, "1234abcd-12ab-34cd-56ef-1234567890ab does not rotate automatically (KeyRotationStatus=false)")
}
