# METADATA
# title: Service accounts have only Google-managed keys
# description: >-
#   User-managed service account keys are long-lived credentials that leave Google's
#   custody and can be leaked; CIS GCP 1.4 asks for Google-managed keys only.
# custom:
#   id: gcp.iam.user_managed_service_account_keys
#   severity: medium
#   resource_types: [iam.googleapis.com/ServiceAccountKey]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.4"]
#     pci-dss-4.0: ["8.6.3", "8.3.2"]
#     hipaa: ["164.312(d)"]
#     nist-800-53-r5: ["IA-5", "AC-2"]
#   remediation:
#     text: "Delete the user-managed key and use attached service accounts, Workload Identity or Workload Identity Federation; enforce constraints/iam.disableServiceAccountKeyCreation."
#     cli: "gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL"
package parapet.rules.gcp.iam.user_managed_service_account_keys

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("service account key %s is user-managed (keyType %s, keyOrigin %s)", [input.resource.config.name, input.resource.config.keyType, object.get(input.resource.config, "keyOrigin", "unknown")]),
	{"keyType": input.resource.config.keyType, "keyOrigin": object.get(input.resource.config, "keyOrigin", null), "disabled": object.get(input.resource.config, "disabled", false)},
) if {
	input.resource.config.keyType == "USER_MANAGED"
}
