# METADATA
# title: No user is both Cloud KMS Admin and a CryptoKey encrypter/decrypter
# description: >-
#   Who manages keys should not also use them to encrypt and decrypt data; CIS GCP 1.11
#   asks to split roles/cloudkms.admin from the CryptoKey Encrypter/Decrypter roles.
# custom:
#   id: gcp.kms.kms_separation_of_duties
#   severity: medium
#   resource_types: [cloudresourcemanager.googleapis.com/Project]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.11"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     hipaa: ["164.308(a)(4)(ii)(B)", "164.308(a)(3)(ii)(A)"]
#     nist-800-53-r5: ["AC-5", "AC-6"]
#   remediation:
#     text: "Remove roles/cloudkms.admin or the roles/cloudkms.cryptoKey* roles from each member that holds both."
package parapet.rules.gcp.kms.kms_separation_of_duties

import data.parapet.lib

key_user_roles := {
	"roles/cloudkms.cryptoKeyEncrypterDecrypter",
	"roles/cloudkms.cryptoKeyEncrypter",
	"roles/cloudkms.cryptoKeyDecrypter",
}

deny contains lib.finding(
	input.resource,
	sprintf("%s holds roles/cloudkms.admin and %s on project %s", [m, concat(", ", roles), input.resource.name]),
	{"member": m, "roles": array.concat(["roles/cloudkms.admin"], roles)},
) if {
	some m in lib.gcp.members_with_role(input.resource, "roles/cloudkms.admin")
	lib.gcp.human_member(m)
	roles := sort([r | some r in key_user_roles; m in lib.gcp.members_with_role(input.resource, r)])
	count(roles) > 0
}
