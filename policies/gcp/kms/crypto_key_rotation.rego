# METADATA
# title: Cloud KMS symmetric keys rotate at least every 90 days
# description: >-
#   CIS GCP 1.10: automatic rotation of encryption keys every 90 days or less limits the
#   data protected by one key version and the life of a compromised one.
# custom:
#   id: gcp.kms.crypto_key_rotation
#   severity: medium
#   resource_types: [cloudkms.googleapis.com/CryptoKey]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.10"]
#     pci-dss-4.0: ["3.6.1", "3.7.4"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-12"]
#   remediation:
#     text: "Set a rotation period of 90 days or less on the key."
#     cli: "gcloud kms keys update KEY --keyring=KEYRING --location=LOCATION --rotation-period=90d --next-rotation-time=TIME"
#     terraform: "resource \"google_kms_crypto_key\" \"k\" { rotation_period = \"7776000s\" }"
package parapet.rules.gcp.kms.crypto_key_rotation

import data.parapet.lib

max_rotation_seconds := 7776000

# Only symmetric keys held by Cloud KMS rotate automatically.
rotatable(cfg) if {
	object.get(cfg, "purpose", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	not cfg.importOnly
	not object.get(cfg, ["versionTemplate", "protectionLevel"], "SOFTWARE") in {"EXTERNAL", "EXTERNAL_VPC"}
	not object.get(cfg, ["primary", "state"], "ENABLED") in {"DESTROYED", "DESTROY_SCHEDULED"}
}

deny contains lib.finding(
	input.resource,
	sprintf("KMS key %s has no rotation period", [cfg.name]),
	{"rotationPeriod": null},
) if {
	cfg := input.resource.config
	rotatable(cfg)
	not cfg.rotationPeriod
}

deny contains lib.finding(
	input.resource,
	sprintf("KMS key %s rotates every %s, longer than 90 days (7776000s)", [cfg.name, cfg.rotationPeriod]),
	{"rotationPeriod": cfg.rotationPeriod},
) if {
	cfg := input.resource.config
	rotatable(cfg)
	lib.gcp.duration_seconds(cfg.rotationPeriod) > max_rotation_seconds
}
