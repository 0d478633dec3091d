package parapet.rules.gcp.iam.user_managed_service_account_keys_test

import data.parapet.rules.gcp.iam.user_managed_service_account_keys as rule

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

fail_user_managed := {"resource": key({})}

fail_uploaded := {"resource": key({"keyOrigin": "USER_PROVIDED", "disabled": true})}

pass_system_managed := {"resource": key({"keyType": "SYSTEM_MANAGED", "validBeforeTime": "2024-01-15T00:00:00Z"})}

test_user_managed_key_fails if {
	findings := rule.deny with input as fail_user_managed
	count(findings) == 1
	some f in findings
	contains(f.msg, "keys/0f3a9b")
	contains(f.msg, "USER_MANAGED")
	f.resource == "//iam.googleapis.com/projects/acme-prod/serviceAccounts/etl@acme-prod.iam.gserviceaccount.com/keys/0f3a9b"
}

test_uploaded_disabled_key_still_fails if {
	findings := rule.deny with input as fail_uploaded
	some f in findings
	f.evidence.keyOrigin == "USER_PROVIDED"
}

test_system_managed_key_passes if {
	count(rule.deny) == 0 with input as pass_system_managed
}
