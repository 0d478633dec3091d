# METADATA
# title: Cloud SQL instances do not authorize 0.0.0.0/0
# description: >-
#   CIS GCP 6.5: an authorized network of 0.0.0.0/0 (or ::/0) lets any host on the
#   internet reach the database on its public IP.
# custom:
#   id: gcp.sql.instance_world_authorized_network
#   severity: high
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.5"]
#     pci-dss-4.0: ["1.3.1", "1.4.4"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "AC-3"]
#   remediation:
#     text: "Remove the any-address authorized network; use private IP or the Cloud SQL Auth Proxy."
#     cli: "gcloud sql instances patch INSTANCE --authorized-networks=203.0.113.0/24"
package parapet.rules.gcp.sql.instance_world_authorized_network

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("Cloud SQL instance %s authorizes %s (%s)", [input.resource.config.name, n.value, object.get(n, "name", "unnamed")]),
	{"authorizedNetwork": n},
) if {
	some n in object.get(input.resource.config, ["settings", "ipConfiguration", "authorizedNetworks"], [])
	n.value in lib.gcp.world_cidrs
}
