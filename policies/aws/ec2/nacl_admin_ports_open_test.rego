package parapet.rules.aws.ec2.nacl_admin_ports_open_test

import data.parapet.rules.aws.ec2.nacl_admin_ports_open

acl(entries) := {"resource": {"id": "arn:aws:ec2:eu-west-1:111122223333:network-acl/acl-0abc", "type": "AWS::EC2::NetworkAcl", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"networkAclId": "acl-0abc", "vpcId": "vpc-0abc", "isDefault": false, "associations": [], "entries": array.concat(entries, defaults)}}, "facts": {}}

defaults := [
	{"ruleNumber": 32767, "protocol": "-1", "ruleAction": "deny", "egress": false, "cidrBlock": "0.0.0.0/0"},
	{"ruleNumber": 32768, "protocol": "-1", "ruleAction": "deny", "egress": false, "ipv6CidrBlock": "::/0"},
	{"ruleNumber": 100, "protocol": "-1", "ruleAction": "allow", "egress": true, "cidrBlock": "0.0.0.0/0"},
]

tcp(number, action, cidr_field, cidr, from, to) := {"ruleNumber": number, "protocol": "6", "ruleAction": action, "egress": false, cidr_field: cidr, "portRange": {"from": from, "to": to}}

pass_https_only := acl([tcp(100, "allow", "cidrBlock", "0.0.0.0/0", 443, 443), tcp(110, "allow", "cidrBlock", "203.0.113.0/24", 22, 22)])

# A lower-numbered deny shadows the broad allow for 22 and 3389.
pass_deny_first := acl([
	{"ruleNumber": 10, "protocol": "-1", "ruleAction": "deny", "egress": false, "cidrBlock": "0.0.0.0/0"},
	tcp(100, "allow", "cidrBlock", "0.0.0.0/0", 0, 65535),
])

fail_all_traffic := acl([{"ruleNumber": 100, "protocol": "-1", "ruleAction": "allow", "egress": false, "cidrBlock": "0.0.0.0/0"}])

fail_ipv6_range := acl([tcp(100, "allow", "ipv6CidrBlock", "::/0", 1024, 3389)])

# The deny for port 22 comes after the allow: the allow wins.
fail_deny_after := acl([tcp(100, "allow", "cidrBlock", "0.0.0.0/0", 22, 22), tcp(200, "deny", "cidrBlock", "0.0.0.0/0", 22, 22)])

test_pass_when_admin_ports_are_not_open if {
	count(nacl_admin_ports_open.deny) == 0 with input as pass_https_only
	count(nacl_admin_ports_open.deny) == 0 with input as pass_deny_first
}

test_fail_for_all_traffic_allow if {
	findings := nacl_admin_ports_open.deny with input as fail_all_traffic
	count(findings) == 2
	some f in findings
	f.resource == "arn:aws:ec2:eu-west-1:111122223333:network-acl/acl-0abc"
	f.msg == "network ACL acl-0abc entry 100 allows ingress from 0.0.0.0/0 to port 3389 (protocol -1)"
}

test_fail_for_ipv6_range_containing_rdp if {
	findings := nacl_admin_ports_open.deny with input as fail_ipv6_range
	count(findings) == 1
	some f in findings
	f.evidence.cidr == "::/0"
	f.evidence.port == 3389
}

test_fail_when_deny_comes_after_allow if {
	some f in nacl_admin_ports_open.deny with input as fail_deny_after
	f.evidence.port == 22
}
