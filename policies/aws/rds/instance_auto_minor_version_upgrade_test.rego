package parapet.rules.aws.rds.instance_auto_minor_version_upgrade_test

import data.parapet.rules.aws.rds.instance_auto_minor_version_upgrade

db(enabled) := {"resource": {"id": "arn:aws:rds:eu-west-1:111122223333:db:orders", "type": "AWS::RDS::DBInstance", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"dBInstanceIdentifier": "orders", "engine": "mysql", "storageEncrypted": true, "autoMinorVersionUpgrade": enabled}}, "facts": {}}

pass_on := db(true)

fail_off := db(false)

test_pass_when_on if {
	count(instance_auto_minor_version_upgrade.deny) == 0 with input as pass_on
}

test_fail_when_off if {
	some f in instance_auto_minor_version_upgrade.deny with input as fail_off
	contains(f.msg, "orders")
	contains(f.msg, "autoMinorVersionUpgrade=false")
}
