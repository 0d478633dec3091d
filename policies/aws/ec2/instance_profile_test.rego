package parapet.rules.aws.ec2.instance_profile_test

import data.parapet.rules.aws.ec2.instance_profile

instance(config) := {"resource": {"id": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc", "type": "AWS::EC2::Instance", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": object.union({"instanceId": "i-0abc", "instanceType": "t3.micro", "state": {"code": 16, "name": "running"}, "metadataOptions": {"httpTokens": "required", "httpEndpoint": "enabled"}}, config)}, "facts": {}}

pass_with_profile := instance({"iamInstanceProfile": {"arn": "arn:aws:iam::111122223333:instance-profile/web", "id": "AIPAEXAMPLE"}})

pass_terminated := instance({"state": {"code": 48, "name": "terminated"}})

fail_without_profile := instance({})

fail_stopped_without_profile := instance({"state": {"code": 80, "name": "stopped"}, "iamInstanceProfile": null})

test_pass_with_instance_profile if {
	count(instance_profile.deny) == 0 with input as pass_with_profile
	count(instance_profile.deny) == 0 with input as pass_terminated
}

test_fail_without_instance_profile if {
	some f in instance_profile.deny with input as fail_without_profile
	f.resource == "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc"
	contains(f.msg, "i-0abc (running)")
	count(instance_profile.deny) == 1 with input as fail_stopped_without_profile
}
