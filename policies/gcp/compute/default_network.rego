# METADATA
# title: Projects do not keep the default network
# description: >-
#   CIS GCP 3.1: the default network is an auto-mode network whose pre-created firewall
#   rules admit SSH, RDP and ICMP from anywhere and all internal traffic.
# custom:
#   id: gcp.compute.default_network
#   severity: medium
#   resource_types: [compute.googleapis.com/Network]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.1"]
#     pci-dss-4.0: ["1.2.1", "1.2.5", "2.2.1"]
#     hipaa: ["164.308(a)(1)(ii)(B)"]
#     nist-800-53-r5: ["SC-7", "CM-6", "CM-7"]
#   remediation:
#     text: "Create custom-mode networks for the workloads, then delete the default network; enforce constraints/compute.skipDefaultNetworkCreation."
#     cli: "gcloud compute networks delete default"
package parapet.rules.gcp.compute.default_network

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("project %s still has the default network (%s)", [input.resource.account, input.resource.config.name]),
	{"name": input.resource.config.name, "autoCreateSubnetworks": object.get(input.resource.config, "autoCreateSubnetworks", null)},
) if {
	input.resource.config.name == "default"
}
