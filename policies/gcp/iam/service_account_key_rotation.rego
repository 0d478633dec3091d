# METADATA
# title: User-managed service account keys are at most 90 days old
# description: >-
#   CIS GCP 1.7: a user-managed key older than 90 days has had a long window to leak;
#   rotating keys limits how long a stolen key works.
# custom:
#   id: gcp.iam.service_account_key_rotation
#   severity: medium
#   resource_types: [iam.googleapis.com/ServiceAccountKey]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.7"]
#     pci-dss-4.0: ["8.6.3", "8.3.9"]
#     hipaa: ["164.308(a)(5)(ii)(D)"]
#     nist-800-53-r5: ["IA-5"]
#   remediation:
#     text: "Create a new key, move the workload to it, then delete the old key (better: stop using user-managed keys)."
#     cli: "gcloud iam service-accounts keys create key.json --iam-account=SA_EMAIL && gcloud iam service-accounts keys delete OLD_KEY_ID --iam-account=SA_EMAIL"
package parapet.rules.gcp.iam.service_account_key_rotation

import data.parapet.lib

max_age_days := 90

deny contains lib.finding(
	input.resource,
	sprintf("service account key %s was created %s, %d days ago (more than %d)", [cfg.name, cfg.validAfterTime, floor(age), max_age_days]),
	{"validAfterTime": cfg.validAfterTime, "age_days": floor(age)},
) if {
	cfg := input.resource.config
	cfg.keyType == "USER_MANAGED"
	not cfg.disabled
	age := lib.gcp.age_days(cfg.validAfterTime, time.now_ns())
	age > max_age_days
}
