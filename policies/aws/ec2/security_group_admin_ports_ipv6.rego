# METADATA
# title: No security group allows ingress from ::/0 to SSH or RDP
# description: >-
#   SSH (22) and RDP (3389) open to every ipv6 address invite brute force and
#   exploitation of the remote administration service. Rules with protocol -1
#   and port ranges that contain 22 or 3389 count.
# custom:
#   id: aws.ec2.security_group_admin_ports_ipv6
#   severity: high
#   resource_types: [AWS::EC2::SecurityGroup]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["5.3"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     nist-800-53-r5: ["AC-17", "CM-7", "SC-7"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#   remediation:
#     text: Remove the ::/0 ingress rule for 22/3389 and allow administration only from known ranges, a bastion, or Systems Manager Session Manager.
#     cli: aws ec2 revoke-security-group-ingress --group-id <sg id> --ip-permissions <the open permission>
package parapet.rules.aws.ec2.security_group_admin_ports_ipv6

import data.parapet.lib
import data.parapet.lib.aws

deny contains lib.finding(input.resource, msg, {"groupId": input.resource.config.groupId, "protocol": r.protocol, "ports": r.ports, "cidr": r.cidr}) if {
	some r in aws.input_open_admin_ports("ipv6")
	msg := concat("", ["security group ", lib.fmt_s(input.resource.config.groupId), " (", lib.fmt_s(input.resource.config.groupName), ") allows ingress from ", lib.fmt_s(r.cidr), " to port(s) ", concat(", ", [format_int(p, 10) | some p in r.ports]), " (protocol ", lib.fmt_s(r.protocol), ")"])
}
