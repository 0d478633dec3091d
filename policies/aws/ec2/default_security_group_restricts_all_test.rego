package parapet.rules.aws.ec2.default_security_group_restricts_all_test

import data.parapet.rules.aws.ec2.default_security_group_restricts_all

sg(name, inbound, outbound) := {"resource": {"id": "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0def", "type": "AWS::EC2::SecurityGroup", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"groupId": "sg-0def", "groupName": name, "vpcId": "vpc-0abc", "description": "default VPC security group", "ipPermissions": inbound, "ipPermissionsEgress": outbound}}, "facts": {}}

self_ref := {"ipProtocol": "-1", "ipRanges": [], "ipv4Ranges": [], "ipv6Ranges": [], "prefixListIds": [], "userIdGroupPairs": [{"groupId": "sg-0def", "userId": "111122223333"}]}

egress_all := {"ipProtocol": "-1", "ipRanges": ["0.0.0.0/0"], "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}], "ipv6Ranges": []}

pass_empty_default := sg("default", [], [])

pass_custom_group := sg("web", [self_ref], [egress_all])

fail_as_created := sg("default", [self_ref], [egress_all])

fail_egress_only := sg("default", [], [egress_all])

test_pass_for_empty_default_and_other_groups if {
	count(default_security_group_restricts_all.deny) == 0 with input as pass_empty_default
	count(default_security_group_restricts_all.deny) == 0 with input as pass_custom_group
}

test_fail_for_default_rules if {
	some f in default_security_group_restricts_all.deny with input as fail_as_created
	f.msg == "default security group sg-0def of VPC vpc-0abc has 1 inbound and 1 outbound rule(s)"
	count(default_security_group_restricts_all.deny) == 1 with input as fail_egress_only
}
