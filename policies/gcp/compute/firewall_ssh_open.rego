# METADATA
# title: Firewall rules do not allow SSH (TCP 22) from the internet
# description: >-
#   CIS GCP 3.6: an ingress rule admitting TCP 22 from 0.0.0.0/0 or ::/0 exposes SSH to
#   brute force and exploits from the whole internet.
# custom:
#   id: gcp.compute.firewall_ssh_open
#   severity: high
#   resource_types: [compute.googleapis.com/Firewall]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.6"]
#     pci-dss-4.0: ["1.3.1", "1.4.2", "1.2.5"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "AC-17", "CM-7"]
#   remediation:
#     text: "Restrict the rule's sourceRanges to known addresses (or IAP's 35.235.240.0/20), or delete it."
#     cli: "gcloud compute firewall-rules update RULE --source-ranges=203.0.113.0/24"
package parapet.rules.gcp.compute.firewall_ssh_open

import data.parapet.lib

admin_port := 22

deny contains lib.finding(
	input.resource,
	sprintf("firewall rule %s allows TCP %d from %s (allowed %v)", [fw.name, admin_port, concat(", ", world), entries]),
	{"sourceRanges": world, "allowed": entries},
) if {
	fw := input.resource.config
	lib.gcp.active_ingress(fw)
	world := lib.gcp.world_sources(fw)
	count(world) > 0
	entries := lib.gcp.allowed_entries_for_port(fw, admin_port)
	count(entries) > 0
}
