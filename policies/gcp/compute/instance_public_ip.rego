# METADATA
# title: VM instances have no external IP addresses
# description: >-
#   CIS GCP 4.9: an external IP address makes the VM reachable from the internet
#   wherever firewall rules allow; use Cloud NAT, IAP or load balancers instead.
# custom:
#   id: gcp.compute.instance_public_ip
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.9"]
#     pci-dss-4.0: ["1.4.4", "1.3.1"]
#     hipaa: ["164.312(e)(1)", "164.312(a)(1)"]
#     nist-800-53-r5: ["SC-7"]
#   remediation:
#     text: "Remove the access config from the network interface; reach the VM through IAP TCP forwarding or a load balancer and egress through Cloud NAT."
#     cli: "gcloud compute instances delete-access-config INSTANCE --access-config-name=\"External NAT\""
package parapet.rules.gcp.compute.instance_public_ip

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("instance %s has an external IP on %s (%s)", [input.resource.config.name, nic.name, object.get(ac, "natIP", "ephemeral")]),
	{"networkInterface": nic.name, "accessConfig": ac},
) if {
	not lib.gcp.gke_node(input.resource.config)
	some nic in object.get(input.resource.config, "networkInterfaces", [])
	some ac in array.concat(object.get(nic, "accessConfigs", []), object.get(nic, "ipv6AccessConfigs", []))
}
