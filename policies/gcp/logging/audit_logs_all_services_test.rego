package parapet.rules.gcp.logging.audit_logs_all_services_test

import data.parapet.rules.gcp.logging.audit_logs_all_services as rule

project(audit_configs) := {
	"id": "//cloudresourcemanager.googleapis.com/projects/123456789012",
	"type": "cloudresourcemanager.googleapis.com/Project",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "acme-prod",
	"config": {"projectNumber": "123456789012", "projectId": "acme-prod", "lifecycleState": "ACTIVE"},
	"iam_policy": {"bindings": [{"role": "roles/owner", "members": ["user:bob@acme.example"]}], "auditConfigs": audit_configs},
}

full := [{"service": "allServices", "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_WRITE"}, {"logType": "DATA_READ"}]}]

pass_full := {"resource": project(full)}

fail_none := {"resource": object.remove(project([]), ["iam_policy"])}

fail_only_storage := {"resource": project([{"service": "storage.googleapis.com", "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_WRITE"}, {"logType": "DATA_READ"}]}])}

fail_missing_data_read := {"resource": project([{"service": "allServices", "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_WRITE"}]}])}

fail_exempted := {"resource": project([{"service": "allServices", "auditLogConfigs": [
	{"logType": "ADMIN_READ"},
	{"logType": "DATA_WRITE"},
	{"logType": "DATA_READ", "exemptedMembers": ["user:auditor@acme.example"]},
]}])}

test_full_audit_config_passes if {
	count(rule.deny) == 0 with input as pass_full
}

test_no_audit_config_fails if {
	findings := rule.deny with input as fail_none
	count(findings) == 1
	some f in findings
	contains(f.msg, "ADMIN_READ, DATA_READ, DATA_WRITE")
	count(rule.deny) == 1 with input as fail_only_storage
}

test_missing_data_read_fails if {
	findings := rule.deny with input as fail_missing_data_read
	some f in findings
	f.evidence.missing_log_types == ["DATA_READ"]
}

test_exempted_member_fails if {
	findings := rule.deny with input as fail_exempted
	count(findings) == 1
	some f in findings
	contains(f.msg, "user:auditor@acme.example")
}
