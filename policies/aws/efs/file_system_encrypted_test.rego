package parapet.rules.aws.efs.file_system_encrypted_test

import data.parapet.rules.aws.efs.file_system_encrypted

fs(encrypted) := {"resource": {"id": "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123", "type": "AWS::EFS::FileSystem", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"FileSystemId": "fs-0123", "Arn": "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123", "Encrypted": encrypted, "PerformanceMode": "generalPurpose", "ThroughputMode": "bursting"}}, "facts": {}}

pass_encrypted := fs(true)

fail_unencrypted := fs(false)

test_pass_when_encrypted if {
	count(file_system_encrypted.deny) == 0 with input as pass_encrypted
}

test_fail_when_unencrypted if {
	some f in file_system_encrypted.deny with input as fail_unencrypted
	contains(f.msg, "fs-0123 is not encrypted at rest (Encrypted=false)")
}
