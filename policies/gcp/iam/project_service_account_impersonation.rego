# METADATA
# title: No user holds Service Account User or Token Creator on the whole project
# description: >-
#   roles/iam.serviceAccountUser and roles/iam.serviceAccountTokenCreator granted at
#   project level let the member act as every service account of the project, present
#   and future.
# custom:
#   id: gcp.iam.project_service_account_impersonation
#   severity: medium
#   resource_types: [cloudresourcemanager.googleapis.com/Project]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.6"]
#     pci-dss-4.0: ["7.2.1", "7.2.2", "7.2.5"]
#     hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)"]
#     nist-800-53-r5: ["AC-6", "AC-6(5)"]
#   remediation:
#     text: "Remove the project-level binding and grant the role on the specific service accounts the user needs to impersonate."
#     cli: "gcloud projects remove-iam-policy-binding PROJECT_ID --member=user:EMAIL --role=roles/iam.serviceAccountUser"
package parapet.rules.gcp.iam.project_service_account_impersonation

import data.parapet.lib

impersonation_roles := {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}

deny contains lib.finding(
	input.resource,
	sprintf("project %s grants %s to %s at project level", [input.resource.name, b.role, m]),
	{"role": b.role, "member": m},
) if {
	some b in lib.gcp.bindings_of(input.resource)
	b.role in impersonation_roles
	some m in b.members
	lib.gcp.human_member(m)
}
