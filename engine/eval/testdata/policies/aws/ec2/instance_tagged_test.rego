package parapet.rules.aws.ec2.instance_tagged_test

import data.parapet.rules.aws.ec2.instance_tagged

untagged := {"resource": {"id": "i", "tags": {}, "config": {}}}

tagged := {"resource": {"id": "i", "tags": {"owner": "ops"}, "config": {}}}

test_untagged_fails if {
	count(instance_tagged.deny) == 1 with input as untagged
}

test_tagged_passes if {
	count(instance_tagged.deny) == 0 with input as tagged
}
