# METADATA
# title: API keys exist only for services in use
# description: >-
#   CIS GCP 1.12: API keys are bearer secrets that are easily leaked and never expire;
#   each existing key must be justified by an active service, otherwise deleted.
# custom:
#   id: gcp.apikeys.api_key_exists
#   severity: low
#   resource_types: [apikeys.googleapis.com/Key]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.12"]
#     pci-dss-4.0: ["8.2.6", "8.6.3"]
#     hipaa: ["164.308(a)(4)(ii)(C)"]
#     nist-800-53-r5: ["AC-2(3)", "IA-5"]
#   remediation:
#     text: "Confirm the key serves an active application; delete it otherwise and prefer OAuth or service account credentials."
#     cli: "gcloud services api-keys delete KEY_ID"
package parapet.rules.gcp.apikeys.api_key_exists

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("API key %s (%s) exists; confirm an active service uses it or delete it", [object.get(cfg, "displayName", cfg.uid), cfg.name]),
	{"displayName": object.get(cfg, "displayName", null), "createTime": object.get(cfg, "createTime", null)},
) if {
	cfg := input.resource.config
	not cfg.deleteTime
}
