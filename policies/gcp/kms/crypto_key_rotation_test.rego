package parapet.rules.gcp.kms.crypto_key_rotation_test

import data.parapet.rules.gcp.kms.crypto_key_rotation as rule

crypto_key(fields, policy) := {
	"id": "//cloudkms.googleapis.com/projects/acme-prod/locations/europe-west1/keyRings/app/cryptoKeys/orders",
	"type": "cloudkms.googleapis.com/CryptoKey",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "orders",
	"config": object.union(
		{
			"name": "projects/acme-prod/locations/europe-west1/keyRings/app/cryptoKeys/orders",
			"purpose": "ENCRYPT_DECRYPT",
			"createTime": "2023-05-02T10:00:00Z",
			"primary": {"name": "projects/acme-prod/locations/europe-west1/keyRings/app/cryptoKeys/orders/cryptoKeyVersions/3", "state": "ENABLED"},
			"versionTemplate": {"protectionLevel": "SOFTWARE", "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"},
			"rotationPeriod": "7776000s",
			"nextRotationTime": "2024-07-01T00:00:00Z",
		},
		fields,
	),
	"iam_policy": {"bindings": policy},
}

pass_90_days := {"resource": crypto_key({}, [])}

fail_no_rotation := {"resource": json.remove(crypto_key({}, []), ["config/rotationPeriod", "config/nextRotationTime"])}

fail_one_year := {"resource": crypto_key({"rotationPeriod": "31536000s"}, [])}

fail_one_second_over := {"resource": crypto_key({"rotationPeriod": "7776001s"}, [])}

pass_asymmetric := {"resource": json.remove(crypto_key({"purpose": "ASYMMETRIC_SIGN", "versionTemplate": {"algorithm": "EC_SIGN_P256_SHA256"}}, []), ["config/rotationPeriod"])}

pass_external := {"resource": crypto_key({"versionTemplate": {"protectionLevel": "EXTERNAL"}, "rotationPeriod": "31536000s"}, [])}

test_90_day_rotation_passes if {
	count(rule.deny) == 0 with input as pass_90_days
}

test_missing_rotation_fails if {
	findings := rule.deny with input as fail_no_rotation
	count(findings) == 1
	some f in findings
	contains(f.msg, "cryptoKeys/orders has no rotation period")
}

test_long_rotation_fails if {
	findings := rule.deny with input as fail_one_year
	some f in findings
	contains(f.msg, "31536000s")
	count(rule.deny) == 1 with input as fail_one_second_over
}

test_keys_that_cannot_rotate_pass if {
	count(rule.deny) == 0 with input as pass_asymmetric
	count(rule.deny) == 0 with input as pass_external
}
