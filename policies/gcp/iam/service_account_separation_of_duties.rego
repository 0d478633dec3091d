# METADATA
# title: No user is both Service Account Admin and Service Account User
# description: >-
#   A member who can create service accounts and also act as them can grant themselves
#   any privilege through a new account; CIS asks to split the two roles.
# custom:
#   id: gcp.iam.service_account_separation_of_duties
#   severity: medium
#   resource_types: [cloudresourcemanager.googleapis.com/Project]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.8"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     hipaa: ["164.308(a)(4)(ii)(B)", "164.308(a)(3)(ii)(A)"]
#     nist-800-53-r5: ["AC-5", "AC-6"]
#   remediation:
#     text: "Remove either roles/iam.serviceAccountAdmin or roles/iam.serviceAccountUser from each member that holds both."
package parapet.rules.gcp.iam.service_account_separation_of_duties

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("%s holds both roles/iam.serviceAccountAdmin and roles/iam.serviceAccountUser on project %s", [m, input.resource.name]),
	{"member": m, "roles": ["roles/iam.serviceAccountAdmin", "roles/iam.serviceAccountUser"]},
) if {
	admins := lib.gcp.members_with_role(input.resource, "roles/iam.serviceAccountAdmin")
	users := lib.gcp.members_with_role(input.resource, "roles/iam.serviceAccountUser")
	some m in (admins & users)
	lib.gcp.human_member(m)
}
