# METADATA
# title: Cloud SQL instances accept only encrypted connections
# description: >-
#   CIS GCP 6.4: without enforced SSL/TLS, clients can connect in clear text and
#   credentials and data cross the network unencrypted.
# custom:
#   id: gcp.sql.instance_require_ssl
#   severity: high
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.4"]
#     pci-dss-4.0: ["4.2.1", "2.2.7"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#   remediation:
#     text: "Set sslMode to ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED)."
#     cli: "gcloud sql instances patch INSTANCE --ssl-mode=ENCRYPTED_ONLY"
package parapet.rules.gcp.sql.instance_require_ssl

import data.parapet.lib

encrypted_modes := {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

ssl_enforced(ip) if ip.sslMode in encrypted_modes

ssl_enforced(ip) if {
	not ip.sslMode
	ip.requireSsl == true
}

deny contains lib.finding(
	input.resource,
	sprintf("Cloud SQL instance %s accepts unencrypted connections (sslMode %s, requireSsl %v)", [cfg.name, object.get(ip, "sslMode", "unset"), object.get(ip, "requireSsl", false)]),
	{"sslMode": object.get(ip, "sslMode", null), "requireSsl": object.get(ip, "requireSsl", null)},
) if {
	cfg := input.resource.config
	ip := object.get(cfg, ["settings", "ipConfiguration"], {})
	not ssl_enforced(ip)
}
