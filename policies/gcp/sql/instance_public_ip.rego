# METADATA
# title: Cloud SQL instances have no public IP address
# description: >-
#   CIS GCP 6.6: a public IPv4 address makes the instance reachable from the internet
#   (subject to authorized networks); private IP keeps it inside the VPC.
# custom:
#   id: gcp.sql.instance_public_ip
#   severity: high
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.6"]
#     pci-dss-4.0: ["1.4.4", "1.3.1"]
#     hipaa: ["164.312(e)(1)", "164.312(a)(1)"]
#     nist-800-53-r5: ["SC-7"]
#   remediation:
#     text: "Configure private IP and disable public IPv4 on the instance."
#     cli: "gcloud sql instances patch INSTANCE --network=VPC --no-assign-ip"
package parapet.rules.gcp.sql.instance_public_ip

import data.parapet.lib

public_addresses := [a.ipAddress |
	some a in object.get(input.resource.config, "ipAddresses", [])
	a.type == "PRIMARY"
]

deny contains lib.finding(
	input.resource,
	sprintf("Cloud SQL instance %s has a public IP (ipv4Enabled %v, addresses %v)", [cfg.name, object.get(cfg, ["settings", "ipConfiguration", "ipv4Enabled"], false), public_addresses]),
	{"ipv4Enabled": object.get(cfg, ["settings", "ipConfiguration", "ipv4Enabled"], null), "publicAddresses": public_addresses},
) if {
	cfg := input.resource.config
	public(cfg)
}

public(cfg) if cfg.settings.ipConfiguration.ipv4Enabled == true

public(_) if count(public_addresses) > 0
