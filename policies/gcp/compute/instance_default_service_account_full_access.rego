# METADATA
# title: VM instances do not use the default service account with full API access
# description: >-
#   CIS GCP 4.2: the default service account (Editor) combined with the cloud-platform
#   scope gives code on the VM full control of the project's APIs.
# custom:
#   id: gcp.compute.instance_default_service_account_full_access
#   severity: high
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.2"]
#     pci-dss-4.0: ["7.2.5", "7.2.2"]
#     hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)"]
#     nist-800-53-r5: ["AC-6", "AC-6(5)"]
#   remediation:
#     text: "Use a dedicated least-privilege service account, or at least limit the default account's scopes."
#     cli: "gcloud compute instances set-service-account INSTANCE --service-account=SA_EMAIL --scopes=cloud-platform"
package parapet.rules.gcp.compute.instance_default_service_account_full_access

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("instance %s runs as default service account %s with scope cloud-platform", [input.resource.config.name, sa.email]),
	{"serviceAccount": sa.email, "scopes": sa.scopes},
) if {
	not lib.gcp.gke_node(input.resource.config)
	some sa in object.get(input.resource.config, "serviceAccounts", [])
	lib.gcp.default_compute_service_account(sa.email)
	"https://www.googleapis.com/auth/cloud-platform" in object.get(sa, "scopes", [])
}
