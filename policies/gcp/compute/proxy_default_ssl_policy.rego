# METADATA
# title: HTTPS and SSL proxies name an SSL policy
# description: >-
#   CIS GCP 3.9: a target HTTPS or SSL proxy without an SSL policy uses Google's default
#   policy, which allows TLS 1.0 and the COMPATIBLE cipher suites.
# custom:
#   id: gcp.compute.proxy_default_ssl_policy
#   severity: medium
#   resource_types: [compute.googleapis.com/TargetHttpsProxy, compute.googleapis.com/TargetSslProxy]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.9"]
#     pci-dss-4.0: ["4.2.1", "2.2.7"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)", "SC-13"]
#   remediation:
#     text: "Attach an SSL policy with the MODERN or RESTRICTED profile and minimum TLS 1.2."
#     cli: "gcloud compute target-https-proxies update PROXY --ssl-policy=POLICY"
package parapet.rules.gcp.compute.proxy_default_ssl_policy

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("proxy %s has no SSL policy, so it accepts TLS 1.0 and weak cipher suites", [input.resource.config.name]),
	{"sslPolicy": null},
) if {
	not input.resource.config.sslPolicy
}
