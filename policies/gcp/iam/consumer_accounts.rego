# METADATA
# title: Project IAM grants no roles to consumer Gmail accounts
# description: >-
#   CIS GCP 1.1 asks for corporate login credentials: personal Gmail accounts sit
#   outside the organization's identity lifecycle, MFA and offboarding controls.
# custom:
#   id: gcp.iam.consumer_accounts
#   severity: medium
#   resource_types: [cloudresourcemanager.googleapis.com/Project]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.1"]
#     pci-dss-4.0: ["8.2.1", "8.2.2", "8.2.4"]
#     hipaa: ["164.312(a)(2)(i)", "164.308(a)(3)(ii)(C)"]
#     nist-800-53-r5: ["AC-2", "IA-2"]
#   remediation:
#     text: "Replace the personal accounts with Cloud Identity or Google Workspace accounts of your domain and remove their bindings; enforce the constraints/iam.allowedPolicyMemberDomains organization policy."
#     cli: "gcloud projects remove-iam-policy-binding PROJECT_ID --member=user:NAME@gmail.com --role=ROLE"
package parapet.rules.gcp.iam.consumer_accounts

import data.parapet.lib

consumer_domains := {"gmail.com", "googlemail.com"}

consumer_bindings contains {"role": b.role, "member": m} if {
	some b in lib.gcp.bindings_of(input.resource)
	some m in b.members
	startswith(m, "user:")
	parts := split(m, "@")
	lower(parts[count(parts) - 1]) in consumer_domains
}

deny contains lib.finding(
	input.resource,
	sprintf("project %s grants %s to consumer account %s", [input.resource.name, b.role, b.member]),
	{"role": b.role, "member": b.member},
) if {
	some b in consumer_bindings
}
