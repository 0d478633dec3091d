# METADATA
# title: SSL policies require TLS 1.2 and strong cipher suites
# description: >-
#   CIS GCP 3.9: an SSL policy with the COMPATIBLE profile, a minimum below TLS 1.2, or
#   a CUSTOM profile enabling RSA key-exchange or 3DES suites lets clients negotiate
#   weak encryption.
# custom:
#   id: gcp.compute.ssl_policy_weak
#   severity: medium
#   resource_types: [compute.googleapis.com/SslPolicy]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.9"]
#     pci-dss-4.0: ["4.2.1", "2.2.7"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)", "SC-13"]
#   remediation:
#     text: "Use the MODERN or RESTRICTED profile with minimum TLS 1.2 (or a CUSTOM profile without the weak suites)."
#     cli: "gcloud compute ssl-policies update POLICY --profile=MODERN --min-tls-version=1.2"
package parapet.rules.gcp.compute.ssl_policy_weak

import data.parapet.lib

weak_features := {
	"TLS_RSA_WITH_AES_128_GCM_SHA256",
	"TLS_RSA_WITH_AES_256_GCM_SHA384",
	"TLS_RSA_WITH_AES_128_CBC_SHA",
	"TLS_RSA_WITH_AES_256_CBC_SHA",
	"TLS_RSA_WITH_3DES_EDE_CBC_SHA",
}

deny contains lib.finding(
	input.resource,
	sprintf("SSL policy %s allows %s (minimum TLS version)", [cfg.name, min_tls]),
	{"minTlsVersion": min_tls, "profile": object.get(cfg, "profile", "COMPATIBLE")},
) if {
	cfg := input.resource.config
	min_tls := object.get(cfg, "minTlsVersion", "TLS_1_0")
	not min_tls in {"TLS_1_2", "TLS_1_3"}
}

deny contains lib.finding(
	input.resource,
	sprintf("SSL policy %s uses the COMPATIBLE profile", [cfg.name]),
	{"profile": "COMPATIBLE"},
) if {
	cfg := input.resource.config
	object.get(cfg, "profile", "COMPATIBLE") == "COMPATIBLE"
}

deny contains lib.finding(
	input.resource,
	sprintf("SSL policy %s enables weak cipher suites %s", [cfg.name, concat(", ", weak)]),
	{"profile": "CUSTOM", "weak_features": weak},
) if {
	cfg := input.resource.config
	cfg.profile == "CUSTOM"
	weak := sort([f | some f in object.get(cfg, "customFeatures", []); f in weak_features])
	count(weak) > 0
}
