# METADATA
# title: Customer managed symmetric KMS keys rotate automatically
# description: Automatic rotation renews the key material yearly, bounding how much data one piece of key material protects.
# custom:
#   id: aws.kms.key_rotation
#   severity: medium
#   resource_types: [AWS::KMS::Key]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["3.6"]
#     pci-dss-4.0: ["3.7.4"]
#     nist-800-53-r5: ["SC-12"]
#     hipaa: ["164.312(a)(2)(iv)"]
#   remediation:
#     text: Enable automatic key rotation on the key.
#     cli: aws kms enable-key-rotation --key-id <key id>
#     terraform: resource "aws_kms_key" "this" { enable_key_rotation = true }
package parapet.rules.aws.kms.key_rotation

import data.parapet.lib

config := input.resource.config

# Rotation applies to enabled, customer managed, symmetric keys with AWS key material.
in_scope if {
	config.keyManager == "CUSTOMER"
	object.get(config, "keySpec", object.get(config, "customerMasterKeySpec", "SYMMETRIC_DEFAULT")) == "SYMMETRIC_DEFAULT"
	object.get(config, "keyState", "Enabled") == "Enabled"
	object.get(config, "origin", "AWS_KMS") == "AWS_KMS"
}

deny contains lib.finding(input.resource, msg, {"KeyRotationStatus": rotation}) if {
	in_scope
	rotation := object.get(config, "KeyRotationStatus", false)
	rotation != true
	msg := sprintf("KMS key %s does not rotate automatically (KeyRotationStatus=%s)", [config.keyId, lib.show(rotation)])
}
