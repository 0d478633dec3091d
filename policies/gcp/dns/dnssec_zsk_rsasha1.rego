# METADATA
# title: DNSSEC zone-signing keys do not use RSASHA1
# description: >-
#   CIS GCP 3.5: RSASHA1 relies on SHA-1, which is broken for collision resistance;
#   zone-signing keys should use RSASHA256, RSASHA512 or ECDSA.
# custom:
#   id: gcp.dns.dnssec_zsk_rsasha1
#   severity: medium
#   resource_types: [dns.googleapis.com/ManagedZone]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.5"]
#     pci-dss-4.0: ["2.2.6", "4.2.1"]
#     hipaa: ["164.312(e)(2)(i)"]
#     nist-800-53-r5: ["SC-20", "SC-21", "SC-13"]
#   remediation:
#     text: "Turn DNSSEC off, change the zone-signing key algorithm to rsasha256 or ecdsap256sha256, and turn DNSSEC back on."
#     cli: "gcloud dns managed-zones update ZONE --dnssec-state=on --zsk-algorithm=rsasha256 --zsk-key-length=2048 --denial-of-existence=nsec3"
package parapet.rules.gcp.dns.dnssec_zsk_rsasha1

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("DNS zone %s signs with a zone-signing key using %s", [input.resource.config.name, spec.algorithm]),
	{"defaultKeySpec": spec},
) if {
	input.resource.config.dnssecConfig.state == "on"
	some spec in input.resource.config.dnssecConfig.defaultKeySpecs
	spec.keyType == "zoneSigning"
	lower(spec.algorithm) == "rsasha1"
}
