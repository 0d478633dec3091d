# METADATA
# title: Cloud KMS keys are not accessible to allUsers or allAuthenticatedUsers
# description: >-
#   A KMS key or key ring whose IAM policy names allUsers or allAuthenticatedUsers lets
#   anyone on the internet use or manage the key that protects your data.
# custom:
#   id: gcp.kms.crypto_key_public
#   severity: critical
#   resource_types: [cloudkms.googleapis.com/CryptoKey, cloudkms.googleapis.com/KeyRing]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.9"]
#     pci-dss-4.0: ["3.6.1", "7.2.1", "7.3.1"]
#     hipaa: ["164.312(a)(1)", "164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["AC-3", "AC-6", "SC-12"]
#   remediation:
#     text: "Remove the allUsers and allAuthenticatedUsers bindings from the key and its key ring."
#     cli: "gcloud kms keys remove-iam-policy-binding KEY --keyring=KEYRING --location=LOCATION --member=allUsers --role=ROLE"
package parapet.rules.gcp.kms.crypto_key_public

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("KMS key %s grants %s to %s", [input.resource.name, b.role, b.member]),
	b,
) if {
	some b in lib.gcp.public_bindings(input.resource)
}
