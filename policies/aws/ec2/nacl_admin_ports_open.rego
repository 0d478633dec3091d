# METADATA
# title: No network ACL allows ingress from the Internet to SSH or RDP
# description: >-
#   A network ACL whose first matching inbound entry allows 0.0.0.0/0 or ::/0 to
#   port 22 or 3389 leaves remote administration reachable from anywhere at the
#   subnet boundary. Entries are evaluated in rule-number order, as AWS does.
# custom:
#   id: aws.ec2.nacl_admin_ports_open
#   severity: high
#   resource_types: [AWS::EC2::NetworkAcl]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["5.1"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     nist-800-53-r5: ["AC-17", "CM-7", "SC-7"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#   remediation:
#     text: Add lower-numbered deny entries for 22 and 3389 from 0.0.0.0/0 and ::/0, or narrow the allow entry to known ranges.
#     cli: aws ec2 create-network-acl-entry --network-acl-id <acl id> --ingress --rule-number 50 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny
package parapet.rules.aws.ec2.nacl_admin_ports_open

import data.parapet.lib
import data.parapet.lib.network

ingress := [e | some e in object.get(input.resource.config, "entries", []); object.get(e, "egress", false) == false]

cidr_of(e) := e.cidrBlock if e.cidrBlock

cidr_of(e) := e.ipv6CidrBlock if e.ipv6CidrBlock

# Protocol numbers as the EC2 API gives them: -1 all, 6 TCP, 17 UDP.
carries(e, port, proto) if {
	e.protocol == "-1"
	network.port_in_range(port, 0, 65535)
	proto in {"6", "17"}
}

carries(e, port, proto) if {
	e.protocol == proto
	network.port_in_range(port, object.get(e, ["portRange", "from"], 0), object.get(e, ["portRange", "to"], 65535))
}

# allowed: the first entry (lowest ruleNumber) matching the world CIDR, the
# port and the protocol is an allow.
allowed(port, proto, cidr) := e if {
	some e in ingress
	e.ruleAction == "allow"
	cidr_of(e) == cidr
	carries(e, port, proto)
	not denied_before(e.ruleNumber, port, proto, cidr)
}

denied_before(number, port, proto, cidr) if {
	some d in ingress
	d.ruleAction == "deny"
	d.ruleNumber < number
	network.is_world(cidr_of(d))
	cidr_of(d) == cidr
	carries(d, port, proto)
}

deny contains lib.finding(input.resource, msg, {"networkAclId": input.resource.config.networkAclId, "ruleNumber": e.ruleNumber, "cidr": cidr, "port": port, "protocol": e.protocol}) if {
	some port in network.admin_ports
	some proto in ["6", "17"]
	some cidr in [network.ipv4_world, network.ipv6_world]
	e := allowed(port, proto, cidr)
	msg := sprintf("network ACL %s entry %d allows ingress from %s to port %d (protocol %s)", [input.resource.config.networkAclId, e.ruleNumber, cidr, port, e.protocol])
}
