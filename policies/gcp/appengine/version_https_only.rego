# METADATA
# title: App Engine handlers always redirect to HTTPS
# description: >-
#   CIS GCP 4.10: an App Engine handler whose securityLevel is not SECURE_ALWAYS serves
#   requests over plain HTTP.
# custom:
#   id: gcp.appengine.version_https_only
#   severity: high
#   resource_types: [appengine.googleapis.com/Version]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.10"]
#     pci-dss-4.0: ["4.2.1"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#   remediation:
#     text: "Set secure: always on every handler in app.yaml and redeploy."
package parapet.rules.gcp.appengine.version_https_only

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("App Engine version %s serves %s with securityLevel %s", [input.resource.config.name, object.get(h, "urlRegex", "?"), object.get(h, "securityLevel", "SECURE_DEFAULT")]),
	{"urlRegex": object.get(h, "urlRegex", null), "securityLevel": object.get(h, "securityLevel", null)},
) if {
	some h in object.get(input.resource.config, "handlers", [])
	object.get(h, "securityLevel", "SECURE_DEFAULT") != "SECURE_ALWAYS"
}
