# METADATA
# title: Access Approval is enrolled for the project
# description: >-
#   CIS GCP 2.15: Access Approval makes Google personnel ask for explicit approval
#   before they access customer content.
# custom:
#   id: gcp.accessapproval.access_approval_enabled
#   severity: medium
#   resource_types: [parapet.gcp/AccessApprovalSettings]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["2.15"]
#     pci-dss-4.0: ["8.2.7"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#     nist-800-53-r5: ["AC-3", "SA-9"]
#   remediation:
#     text: "Enroll the project (or its organization) in Access Approval for all services and set notification e-mails."
#     cli: "gcloud access-approval settings update --project=PROJECT_ID --enrolled_services=all --notification_emails=secops@example.com"
package parapet.rules.gcp.accessapproval.access_approval_enabled

import data.parapet.lib

enrolled(cfg) if count(object.get(cfg, "enrolledServices", [])) > 0

enrolled(cfg) if cfg.enrolledAncestor == true

deny contains lib.finding(
	input.resource,
	sprintf("Access Approval is not enrolled for project %s (enrolledServices %v, enrolledAncestor %v)", [input.resource.account, object.get(input.resource.config, "enrolledServices", []), object.get(input.resource.config, "enrolledAncestor", false)]),
	{"enrolledServices": object.get(input.resource.config, "enrolledServices", []), "enrolledAncestor": object.get(input.resource.config, "enrolledAncestor", false)},
) if {
	not enrolled(input.resource.config)
}
