package parapet.rules.gcp.kms.crypto_key_public_test

import data.parapet.rules.gcp.kms.crypto_key_public as rule

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

fail_all_users := {"resource": crypto_key({}, [{"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "members": ["allUsers"]}])}

fail_all_authenticated := {"resource": crypto_key({}, [{"role": "roles/cloudkms.viewer", "members": ["user:kim@acme.example", "allAuthenticatedUsers"]}])}

pass_private := {"resource": crypto_key({}, [{"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "members": ["serviceAccount:app@acme-prod.iam.gserviceaccount.com"]}])}

pass_no_policy := {"resource": object.remove(crypto_key({}, []), ["iam_policy"])}

test_all_users_fails if {
	findings := rule.deny with input as fail_all_users
	count(findings) == 1
	some f in findings
	contains(f.msg, "allUsers")
	contains(f.msg, "orders")
	f.evidence.role == "roles/cloudkms.cryptoKeyEncrypterDecrypter"
}

test_all_authenticated_users_fails if {
	count(rule.deny) == 1 with input as fail_all_authenticated
}

test_private_key_passes if {
	count(rule.deny) == 0 with input as pass_private
	count(rule.deny) == 0 with input as pass_no_policy
}
