package parapet.rules.aws.ec2.security_group_all_traffic_open_test

import data.parapet.rules.aws.ec2.security_group_all_traffic_open

sg(permissions) := {"resource": {"id": "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0abc", "type": "AWS::EC2::SecurityGroup", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"groupId": "sg-0abc", "groupName": "web", "description": "web tier", "vpcId": "vpc-0abc", "ownerId": "111122223333", "ipPermissions": permissions, "ipPermissionsEgress": [{"ipProtocol": "-1", "ipRanges": ["0.0.0.0/0"], "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}], "ipv6Ranges": [], "prefixListIds": [], "userIdGroupPairs": []}]}}, "facts": {}}

perm(protocol, from, to, v4, v6) := {"ipProtocol": protocol, "fromPort": from, "toPort": to, "ipRanges": v4, "ipv4Ranges": [{"cidrIp": c} | some c in v4], "ipv6Ranges": [{"cidrIpv6": c} | some c in v6], "prefixListIds": [], "userIdGroupPairs": []}

# protocol -1 as Config records it: no ports.
all_perm(v4, v6) := {"ipProtocol": "-1", "ipRanges": v4, "ipv4Ranges": [{"cidrIp": c} | some c in v4], "ipv6Ranges": [{"cidrIpv6": c} | some c in v6], "prefixListIds": [], "userIdGroupPairs": []}

https_world := perm("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])

ssh_office := perm("tcp", 22, 22, ["203.0.113.0/24"], ["2001:db8::/32"])

pass_specific_ports := sg([https_world, ssh_office, perm("tcp", 1, 65535, ["10.0.0.0/8"], [])])

# Everything from a private range is not Internet exposure.
pass_all_from_vpc := sg([all_perm(["10.0.0.0/16"], [])])

fail_all_ipv4 := sg([all_perm(["0.0.0.0/0"], [])])

fail_all_ipv6 := sg([all_perm([], ["::/0"])])

fail_full_tcp_range := sg([perm("tcp", 0, 65535, ["0.0.0.0/0"], [])])

test_pass_for_specific_ports if {
	count(security_group_all_traffic_open.deny) == 0 with input as pass_specific_ports
	count(security_group_all_traffic_open.deny) == 0 with input as pass_all_from_vpc
}

test_fail_for_all_traffic_from_ipv4_world if {
	findings := security_group_all_traffic_open.deny with input as fail_all_ipv4
	count(findings) == 1
	some f in findings
	f.msg == "security group sg-0abc (web) allows all traffic (protocol -1, ports 0-65535) from 0.0.0.0/0"
}

test_fail_for_all_traffic_from_ipv6_world if {
	some f in security_group_all_traffic_open.deny with input as fail_all_ipv6
	f.evidence.cidr == "::/0"
}

test_fail_for_full_tcp_range if {
	some f in security_group_all_traffic_open.deny with input as fail_full_tcp_range
	contains(f.msg, "protocol tcp, ports 0-65535")
}
