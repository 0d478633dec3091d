package parapet.rules.aws.rds.instance_storage_encrypted_test

import data.parapet.rules.aws.rds.instance_storage_encrypted

db(extra) := {"resource": {"id": "arn:aws:rds:eu-west-1:111122223333:db:orders", "type": "AWS::RDS::DBInstance", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": object.union({"dBInstanceIdentifier": "orders", "engine": "postgres", "engineVersion": "15.4", "dBInstanceClass": "db.t3.medium", "publiclyAccessible": false, "autoMinorVersionUpgrade": true}, extra)}, "facts": {}}

pass_encrypted := db({"storageEncrypted": true, "kmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})

fail_unencrypted := db({"storageEncrypted": false})

test_pass_when_encrypted if {
	count(instance_storage_encrypted.deny) == 0 with input as pass_encrypted
}

test_fail_when_unencrypted if {
	some f in instance_storage_encrypted.deny with input as fail_unencrypted
	f.resource == "arn:aws:rds:eu-west-1:111122223333:db:orders"
	contains(f.msg, "orders is not encrypted at rest (storageEncrypted=false)")
}
