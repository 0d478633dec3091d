package parapet.rules.gcp.compute.project_os_login_test

import data.parapet.rules.gcp.compute.project_os_login as rule

compute_project(items) := {
	"id": "//compute.googleapis.com/projects/acme-prod",
	"type": "compute.googleapis.com/Project",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "acme-prod",
	"config": {
		"name": "acme-prod",
		"id": "123456789012",
		"commonInstanceMetadata": {"fingerprint": "xyz=", "items": items},
		"defaultServiceAccount": "123456789012-compute@developer.gserviceaccount.com",
	},
}

pass_enabled := {"resource": compute_project([{"key": "enable-oslogin", "value": "TRUE"}])}

fail_unset := {"resource": compute_project([])}

fail_false := {"resource": compute_project([{"key": "enable-oslogin", "value": "FALSE"}])}

test_enabled_passes if {
	count(rule.deny) == 0 with input as pass_enabled
}

test_disabled_fails if {
	findings := rule.deny with input as fail_false
	count(findings) == 1
	some f in findings
	contains(f.msg, "acme-prod")
	f.evidence["enable-oslogin"] == ["FALSE"]
	count(rule.deny) == 1 with input as fail_unset
}
