package parapet.rules.gcp.iam.service_account_key_rotation_test

import data.parapet.rules.gcp.iam.service_account_key_rotation as rule

key(fields) := {
	"id": "//iam.googleapis.com/projects/acme-prod/serviceAccounts/etl@acme-prod.iam.gserviceaccount.com/keys/0f3a9b",
	"type": "iam.googleapis.com/ServiceAccountKey",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "0f3a9b",
	"config": object.union(
		{
			"name": "projects/acme-prod/serviceAccounts/etl@acme-prod.iam.gserviceaccount.com/keys/0f3a9b",
			"keyAlgorithm": "KEY_ALG_RSA_2048",
			"validAfterTime": "2024-01-01T00:00:00Z",
			"validBeforeTime": "9999-12-31T23:59:59Z",
			"keyOrigin": "GOOGLE_PROVIDED",
			"keyType": "USER_MANAGED",
		},
		fields,
	),
}

now := 1717200000000000000

fail_old := {"resource": key({"validAfterTime": "2024-01-01T00:00:00Z"})}

pass_exactly_90_days := {"resource": key({"validAfterTime": "2024-03-03T00:00:00Z"})}

fail_90_days_and_a_second := {"resource": key({"validAfterTime": "2024-03-02T23:59:59Z"})}

pass_old_but_disabled := {"resource": key({"disabled": true})}

pass_old_system_managed := {"resource": key({"keyType": "SYSTEM_MANAGED"})}

test_old_key_fails if {
	findings := rule.deny with input as fail_old with time.now_ns as now
	count(findings) == 1
	some f in findings
	contains(f.msg, "2024-01-01T00:00:00Z")
	f.evidence.age_days == 152
}

test_exactly_90_days_passes if {
	count(rule.deny) == 0 with input as pass_exactly_90_days with time.now_ns as now
}

test_just_over_90_days_fails if {
	count(rule.deny) == 1 with input as fail_90_days_and_a_second with time.now_ns as now
}

test_disabled_and_system_managed_keys_pass if {
	count(rule.deny) == 0 with input as pass_old_but_disabled with time.now_ns as now
	count(rule.deny) == 0 with input as pass_old_system_managed with time.now_ns as now
}
