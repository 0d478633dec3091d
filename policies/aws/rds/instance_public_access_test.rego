package parapet.rules.aws.rds.instance_public_access_test

import data.parapet.rules.aws.rds.instance_public_access

db(public) := {"resource": {"id": "arn:aws:rds:eu-west-1:111122223333:db:orders", "type": "AWS::RDS::DBInstance", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"dBInstanceIdentifier": "orders", "engine": "postgres", "publiclyAccessible": public, "endpoint": {"address": "orders.abc.eu-west-1.rds.amazonaws.com", "port": 5432}}}, "facts": {}}

pass_private := db(false)

fail_public := db(true)

test_pass_when_private if {
	count(instance_public_access.deny) == 0 with input as pass_private
}

test_fail_when_public if {
	some f in instance_public_access.deny with input as fail_public
	f.resource == "arn:aws:rds:eu-west-1:111122223333:db:orders"
	contains(f.msg, "orders is publicly accessible")
}
