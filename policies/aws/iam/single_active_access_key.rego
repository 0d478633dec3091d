# METADATA
# title: Each IAM user has at most one active access key
# description: Two active keys double what can leak and hide which key a workload really uses; the second slot is for rotation only.
# custom:
#   id: aws.iam.single_active_access_key
#   severity: low
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.13"]
#     pci-dss-4.0: ["8.6.3"]
#     nist-800-53-r5: ["IA-5"]
#     hipaa: ["164.308(a)(4)(ii)(C)"]
#   remediation:
#     text: Deactivate and delete the access key the user no longer needs.
#     cli: aws iam update-access-key --user-name <user> --access-key-id <key id> --status Inactive
package parapet.rules.aws.iam.single_active_access_key

import data.parapet.lib
import data.parapet.lib.aws

deny contains lib.finding(row.arn, msg, {"access_key_1_active": row.access_key_1_active, "access_key_2_active": row.access_key_2_active}) if {
	some row in aws.credential_rows(input.resources["Parapet::IAM::CredentialReport"])
	count(aws.active_keys(row)) > 1
	msg := sprintf("IAM user %s has 2 active access keys (access_key_1_active=%s, access_key_2_active=%s)", [row.user, row.access_key_1_active, row.access_key_2_active])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
