package parapet.rules.gcp.accessapproval.access_approval_enabled_test

import data.parapet.rules.gcp.accessapproval.access_approval_enabled as rule

settings(cfg) := {
	"id": "projects/acme-prod/accessApprovalSettings",
	"type": "parapet.gcp/AccessApprovalSettings",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "accessApprovalSettings",
	"config": cfg,
}

pass_enrolled := {"resource": settings({
	"name": "projects/acme-prod/accessApprovalSettings",
	"notificationEmails": ["secops@acme.example"],
	"enrolledServices": [{"cloudProduct": "all", "enrollmentLevel": "BLOCK_ALL"}],
})}

pass_inherited := {"resource": settings({"name": "projects/acme-prod/accessApprovalSettings", "enrolledAncestor": true})}

fail_unconfigured := {"resource": settings({})}

test_enrolled_passes if {
	count(rule.deny) == 0 with input as pass_enrolled
	count(rule.deny) == 0 with input as pass_inherited
}

test_unconfigured_fails if {
	findings := rule.deny with input as fail_unconfigured
	count(findings) == 1
	some f in findings
	contains(f.msg, "acme-prod")
	f.resource == "projects/acme-prod/accessApprovalSettings"
}
