# METADATA
# title: Firewall rules do not allow all ports from the internet
# description: >-
#   An ingress rule admitting every protocol, or every port of TCP, UDP or SCTP, from
#   0.0.0.0/0 or ::/0 exposes every service of the network, SSH and RDP included (CIS
#   GCP 3.6, 3.7).
# custom:
#   id: gcp.compute.firewall_all_traffic_open
#   severity: critical
#   resource_types: [compute.googleapis.com/Firewall]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.6", "3.7"]
#     pci-dss-4.0: ["1.3.1", "1.4.2", "1.2.5"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "AC-17", "CM-7"]
#   remediation:
#     text: "Replace the rule with rules that admit only the required ports from known source ranges."
#     cli: "gcloud compute firewall-rules delete RULE"
package parapet.rules.gcp.compute.firewall_all_traffic_open

import data.parapet.lib

port_protocols := {"tcp", "udp", "sctp", "6", "17", "132"}

full_range(spec) if spec in {"0-65535", "1-65535"}

opens_everything(a) if lower(a.IPProtocol) == "all"

opens_everything(a) if {
	lower(a.IPProtocol) in port_protocols
	count(object.get(a, "ports", [])) == 0
}

opens_everything(a) if {
	lower(a.IPProtocol) in port_protocols
	some spec in a.ports
	full_range(spec)
}

deny contains lib.finding(
	input.resource,
	sprintf("firewall rule %s allows %v from %s", [fw.name, entries, concat(", ", world)]),
	{"sourceRanges": world, "allowed": entries},
) if {
	fw := input.resource.config
	lib.gcp.active_ingress(fw)
	world := lib.gcp.world_sources(fw)
	count(world) > 0
	entries := [a | some a in object.get(fw, "allowed", []); opens_everything(a)]
	count(entries) > 0
}
