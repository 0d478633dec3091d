# METADATA
# title: VM instances do not forward IP packets
# description: >-
#   CIS GCP 4.6: with canIpForward an instance can send and receive packets whose
#   addresses are not its own, bypassing the network's source and destination checks.
# custom:
#   id: gcp.compute.instance_ip_forwarding
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.6"]
#     pci-dss-4.0: ["1.4.3", "1.3.1"]
#     hipaa: ["164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "CM-7"]
#   remediation:
#     text: "Recreate the instance with canIpForward false (it cannot be changed on a running instance) unless it is a network appliance."
#     cli: "gcloud compute instances create INSTANCE --no-can-ip-forward ..."
package parapet.rules.gcp.compute.instance_ip_forwarding

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("instance %s has IP forwarding enabled (canIpForward true)", [input.resource.config.name]),
	{"canIpForward": true},
) if {
	input.resource.config.canIpForward == true
	not lib.gcp.gke_node(input.resource.config)
}
