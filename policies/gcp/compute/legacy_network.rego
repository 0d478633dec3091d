# METADATA
# title: Projects have no legacy networks
# description: >-
#   CIS GCP 3.2: legacy networks have one global IPv4 range and no subnetworks, so they
#   cannot use flow logs, private access or regional segmentation.
# custom:
#   id: gcp.compute.legacy_network
#   severity: medium
#   resource_types: [compute.googleapis.com/Network]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.2"]
#     pci-dss-4.0: ["1.2.1", "1.2.5", "2.2.1"]
#     hipaa: ["164.308(a)(1)(ii)(B)"]
#     nist-800-53-r5: ["SC-7", "CM-6", "CM-7"]
#   remediation:
#     text: "Move the workloads to a VPC network with subnetworks and delete the legacy network."
#     cli: "gcloud compute networks delete NETWORK"
package parapet.rules.gcp.compute.legacy_network

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("network %s is a legacy network (IPv4Range %s)", [input.resource.config.name, input.resource.config.IPv4Range]),
	{"IPv4Range": input.resource.config.IPv4Range},
) if {
	input.resource.config.IPv4Range
}
