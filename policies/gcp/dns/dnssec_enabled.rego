# METADATA
# title: Public Cloud DNS zones have DNSSEC on
# description: >-
#   CIS GCP 3.3: DNSSEC signs the zone's records so that resolvers can detect spoofed or
#   tampered answers (cache poisoning, hijacking).
# custom:
#   id: gcp.dns.dnssec_enabled
#   severity: medium
#   resource_types: [dns.googleapis.com/ManagedZone]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.3"]
#     pci-dss-4.0: ["2.2.6"]
#     hipaa: ["164.312(e)(2)(i)"]
#     nist-800-53-r5: ["SC-20", "SC-21"]
#   remediation:
#     text: "Turn DNSSEC on for the zone and publish the DS record at the registrar."
#     cli: "gcloud dns managed-zones update ZONE --dnssec-state=on"
package parapet.rules.gcp.dns.dnssec_enabled

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("public DNS zone %s (%s) has DNSSEC %s", [cfg.name, cfg.dnsName, state]),
	{"dnssecConfig": object.get(cfg, "dnssecConfig", null)},
) if {
	cfg := input.resource.config
	object.get(cfg, "visibility", "public") == "public"
	state := object.get(cfg, ["dnssecConfig", "state"], "off")
	state != "on"
}
