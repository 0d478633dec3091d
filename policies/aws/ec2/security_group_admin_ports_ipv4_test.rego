package parapet.rules.aws.ec2.security_group_admin_ports_ipv4_test

import data.parapet.rules.aws.ec2.security_group_admin_ports_ipv4

sg(permissions) := {"resource": {"id": "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0abc", "type": "AWS::EC2::SecurityGroup", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"groupId": "sg-0abc", "groupName": "web", "description": "web tier", "vpcId": "vpc-0abc", "ownerId": "111122223333", "ipPermissions": permissions, "ipPermissionsEgress": [{"ipProtocol": "-1", "ipRanges": ["0.0.0.0/0"], "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}], "ipv6Ranges": [], "prefixListIds": [], "userIdGroupPairs": []}]}}, "facts": {}}

perm(protocol, from, to, v4, v6) := {"ipProtocol": protocol, "fromPort": from, "toPort": to, "ipRanges": v4, "ipv4Ranges": [{"cidrIp": c} | some c in v4], "ipv6Ranges": [{"cidrIpv6": c} | some c in v6], "prefixListIds": [], "userIdGroupPairs": []}

# protocol -1 as Config records it: no ports.
all_perm(v4, v6) := {"ipProtocol": "-1", "ipRanges": v4, "ipv4Ranges": [{"cidrIp": c} | some c in v4], "ipv6Ranges": [{"cidrIpv6": c} | some c in v6], "prefixListIds": [], "userIdGroupPairs": []}

https_world := perm("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])

ssh_office := perm("tcp", 22, 22, ["203.0.113.0/24"], ["2001:db8::/32"])

pass_restricted := sg([https_world, ssh_office, perm("tcp", 23, 3388, ["0.0.0.0/0"], []), perm("icmp", -1, -1, ["0.0.0.0/0"], [])])

# Open to the other address family only: a finding for the other rule, not this one.
pass_other_family := sg([perm("tcp", 22, 22, [], ["::/0"])])

fail_ssh := sg([https_world, perm("tcp", 22, 22, ["0.0.0.0/0"], [])])

fail_rdp_udp := sg([perm("udp", 3389, 3389, ["0.0.0.0/0"], [])])

fail_range := sg([perm("tcp", 20, 3389, ["0.0.0.0/0"], [])])

fail_all_protocols := sg([all_perm(["0.0.0.0/0"], [])])

test_pass_when_admin_ports_are_restricted if {
	count(security_group_admin_ports_ipv4.deny) == 0 with input as pass_restricted
	count(security_group_admin_ports_ipv4.deny) == 0 with input as pass_other_family
}

test_fail_for_ssh_from_world if {
	findings := security_group_admin_ports_ipv4.deny with input as fail_ssh
	count(findings) == 1
	some f in findings
	f.resource == "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0abc"
	f.msg == "security group sg-0abc (web) allows ingress from 0.0.0.0/0 to port(s) 22 (protocol tcp)"
}

test_fail_for_rdp_over_udp if {
	some f in security_group_admin_ports_ipv4.deny with input as fail_rdp_udp
	f.evidence.ports == [3389]
}

test_fail_for_range_containing_both_ports if {
	some f in security_group_admin_ports_ipv4.deny with input as fail_range
	contains(f.msg, "port(s) 22, 3389")
}

test_fail_for_protocol_minus_one if {
	some f in security_group_admin_ports_ipv4.deny with input as fail_all_protocols
	contains(f.msg, "(protocol -1)")
}
