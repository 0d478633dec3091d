# METADATA
# title: No security group allows all traffic from the Internet
# description: >-
#   An ingress rule for every protocol and port (protocol -1, or TCP/UDP 0-65535)
#   from 0.0.0.0/0 or ::/0 exposes every service on the attached instances.
# custom:
#   id: aws.ec2.security_group_all_traffic_open
#   severity: critical
#   resource_types: [AWS::EC2::SecurityGroup]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["5.2", "5.3"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     nist-800-53-r5: ["AC-4", "CM-7", "SC-7"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#   remediation:
#     text: Replace the all-traffic rule with rules for the specific ports and sources the workload needs.
#     cli: aws ec2 revoke-security-group-ingress --group-id <sg id> --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]
package parapet.rules.aws.ec2.security_group_all_traffic_open

import data.parapet.lib
import data.parapet.lib.aws

all_traffic(r) if r.protocol in {"-1", "all"}

all_traffic(r) if {
	r.protocol in {"tcp", "6", "udp", "17"}
	r.from <= 0
	r.to >= 65535
}

deny contains lib.finding(input.resource, msg, {"groupId": input.resource.config.groupId, "protocol": r.protocol, "from": r.from, "to": r.to, "cidr": r.cidr}) if {
	some r in aws.input_world_ingress
	all_traffic(r)
	msg := sprintf("security group %s (%s) allows all traffic (protocol %s, ports %d-%d) from %s", [input.resource.config.groupId, input.resource.config.groupName, r.protocol, r.from, r.to, r.cidr])
}
