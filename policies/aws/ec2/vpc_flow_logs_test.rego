package parapet.rules.aws.ec2.vpc_flow_logs_test

import data.parapet.rules.aws.ec2.vpc_flow_logs

vpc := {"id": "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0abc", "type": "AWS::EC2::VPC", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"vpcId": "vpc-0abc", "cidrBlock": "10.0.0.0/16", "isDefault": false, "state": "available"}}

flow_log(resource_id, traffic) := {"id": "arn:aws:ec2:eu-west-1:111122223333:vpc-flow-log/fl-0123", "type": "AWS::EC2::FlowLog", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"flowLogId": "fl-0123", "resourceId": resource_id, "trafficType": traffic, "flowLogStatus": "ACTIVE", "logDestinationType": "cloud-watch-logs", "logGroupName": "vpc-flow-logs"}}

pass_reject_logged := {"resource": vpc, "facts": {"AWS::EC2::FlowLog": [flow_log("vpc-0abc", "REJECT")]}}

fail_other_vpc := {"resource": vpc, "facts": {"AWS::EC2::FlowLog": [flow_log("vpc-0def", "ALL")]}}

fail_accept_only := {"resource": vpc, "facts": {"AWS::EC2::FlowLog": [flow_log("vpc-0abc", "ACCEPT")]}}

fail_no_flow_logs := {"resource": vpc, "facts": {"AWS::EC2::FlowLog": []}}

test_pass_with_flow_log if {
	count(vpc_flow_logs.deny) == 0 with input as pass_reject_logged
}

test_fail_without_matching_flow_log if {
	some f in vpc_flow_logs.deny with input as fail_other_vpc
	f.resource == "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0abc"
	contains(f.msg, "VPC vpc-0abc has no active flow log")
	count(vpc_flow_logs.deny) == 1 with input as fail_accept_only
	count(vpc_flow_logs.deny) == 1 with input as fail_no_flow_logs
}

test_fail_names_the_flow_log_that_falls_short if {
	some f in vpc_flow_logs.deny with input as fail_accept_only
	contains(f.msg, `{"flowLogId": "fl-0123", "flowLogStatus": "ACTIVE", "trafficType": "ACCEPT"}`)
	f.evidence.flow_logs == [{"flowLogId": "fl-0123", "flowLogStatus": "ACTIVE", "trafficType": "ACCEPT"}]
}
