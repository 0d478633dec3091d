package parapet.rules.aws.ec2.instance_imdsv2_test

import data.parapet.rules.aws.ec2.instance_imdsv2

instance(state, options) := {"resource": {"id": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc", "type": "AWS::EC2::Instance", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"instanceId": "i-0abc", "state": {"name": state}, "metadataOptions": options}}, "facts": {}}

pass_required := instance("running", {"httpTokens": "required", "httpEndpoint": "enabled", "httpPutResponseHopLimit": 1, "state": "applied"})

pass_endpoint_disabled := instance("running", {"httpTokens": "optional", "httpEndpoint": "disabled"})

pass_terminated := instance("terminated", {"httpTokens": "optional", "httpEndpoint": "enabled"})

fail_optional := instance("running", {"httpTokens": "optional", "httpEndpoint": "enabled", "httpPutResponseHopLimit": 1, "state": "applied"})

test_pass_when_imdsv2_required_or_off if {
	count(instance_imdsv2.deny) == 0 with input as pass_required
	count(instance_imdsv2.deny) == 0 with input as pass_endpoint_disabled
	count(instance_imdsv2.deny) == 0 with input as pass_terminated
}

test_fail_when_tokens_optional if {
	some f in instance_imdsv2.deny with input as fail_optional
	f.msg == "EC2 instance i-0abc allows IMDSv1 (httpTokens=optional)"
}
