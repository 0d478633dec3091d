# METADATA
# title: Service accounts hold no owner, editor or admin roles
# description: >-
#   A service account with Owner, Editor or an *Admin role lets anyone who can act as it
#   (a VM, a key holder, an impersonator) take over the project.
# custom:
#   id: gcp.iam.service_account_admin_roles
#   severity: high
#   resource_types: [cloudresourcemanager.googleapis.com/Project]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.5"]
#     pci-dss-4.0: ["7.2.1", "7.2.2", "7.2.5"]
#     hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)"]
#     nist-800-53-r5: ["AC-6", "AC-6(5)"]
#   remediation:
#     text: "Grant the service account only the predefined or custom roles its workload needs and remove roles/owner, roles/editor and *Admin roles."
#     cli: "gcloud projects remove-iam-policy-binding PROJECT_ID --member=serviceAccount:SA_EMAIL --role=ROLE"
package parapet.rules.gcp.iam.service_account_admin_roles

import data.parapet.lib

# Google-managed service agents get their roles from Google and cannot be changed
# by the customer (the Google APIs Service Agent holds roles/editor by design).
google_managed(m) if contains(m, "@gcp-sa-")

google_managed(m) if endswith(m, "@cloudservices.gserviceaccount.com")

admin_role(role) if role in {"roles/owner", "roles/editor"}

admin_role(role) if endswith(lower(role), "admin")

deny contains lib.finding(
	input.resource,
	sprintf("project %s grants %s to service account %s", [input.resource.name, b.role, m]),
	{"role": b.role, "member": m},
) if {
	some b in lib.gcp.bindings_of(input.resource)
	admin_role(b.role)
	some m in b.members
	startswith(m, "serviceAccount:")
	not google_managed(m)
}
