# METADATA
# title: Cloud DNS logging is on for every VPC network
# description: >-
#   CIS GCP 2.12: DNS query logs of a VPC show which names workloads resolve, evidence
#   for detecting exfiltration and command-and-control traffic.
# custom:
#   id: gcp.dns.vpc_dns_logging
#   severity: medium
#   resource_types: [compute.googleapis.com/Network]
#   scope: account
#   facts: [dns.googleapis.com/Policy]
#   frameworks:
#     cis-gcp-3.0.0: ["2.12"]
#     pci-dss-4.0: ["10.2.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-12", "SI-4"]
#   remediation:
#     text: "Attach a DNS server policy with logging enabled to the network."
#     cli: "gcloud dns policies create enable-dns-logging --networks=NETWORK --enable-logging --description=\"DNS logging\""
package parapet.rules.gcp.dns.vpc_dns_logging

import data.parapet.lib

logged_networks := [n.networkUrl |
	some p in input.resources["dns.googleapis.com/Policy"]
	p.config.enableLogging == true
	some n in object.get(p.config, "networks", [])
]

covered(net) if {
	some url in logged_networks
	lib.gcp.same_network(url, net.config.selfLink)
}

deny contains lib.finding(
	net,
	sprintf("VPC network %s has no DNS policy with logging enabled", [net.name]),
	{"network": net.config.selfLink},
) if {
	some net in input.resources["compute.googleapis.com/Network"]
	not covered(net)
}
