# METADATA
# title: API keys are at most 90 days old
# description: >-
#   CIS GCP 1.15: API keys cannot expire on their own; regenerating them every 90 days
#   limits how long a leaked key works.
# custom:
#   id: gcp.apikeys.api_key_rotation
#   severity: medium
#   resource_types: [apikeys.googleapis.com/Key]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.15"]
#     pci-dss-4.0: ["8.6.3", "8.3.9"]
#     hipaa: ["164.308(a)(5)(ii)(D)"]
#     nist-800-53-r5: ["IA-5"]
#   remediation:
#     text: "Create a replacement key with the same restrictions, move callers to it and delete the old key."
#     cli: "gcloud services api-keys create --display-name=NAME && gcloud services api-keys delete OLD_KEY_ID"
package parapet.rules.gcp.apikeys.api_key_rotation

import data.parapet.lib

max_age_days := 90

deny contains lib.finding(
	input.resource,
	sprintf("API key %s was created %s, %d days ago (more than %d)", [input.resource.name, cfg.createTime, floor(age), max_age_days]),
	{"createTime": cfg.createTime, "age_days": floor(age)},
) if {
	cfg := input.resource.config
	age := lib.gcp.age_days(cfg.createTime, time.now_ns())
	age > max_age_days
}
