# METADATA
# title: No unused access keys created alongside console passwords
# description: >-
#   Access keys created during the initial setup of a console user are often
#   never used yet stay valid; the audit looks for console users with an active
#   key that has never been used.
# custom:
#   id: aws.iam.access_keys_at_setup
#   severity: low
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.11"]
#     pci-dss-4.0: ["8.2.4", "8.6.3"]
#     nist-800-53-r5: ["AC-2", "IA-5"]
#     hipaa: ["164.308(a)(4)(ii)(C)"]
#   remediation:
#     text: Delete the never-used access key; create keys only when the user needs programmatic access.
#     cli: aws iam delete-access-key --user-name <user> --access-key-id <key id>
package parapet.rules.aws.iam.access_keys_at_setup

import data.parapet.lib
import data.parapet.lib.aws

deny contains lib.finding(row.arn, msg, {"password_enabled": row.password_enabled, "access_key": key.slot, "last_used": key.last_used}) if {
	some row in aws.iam_user_rows(input.resources["Parapet::IAM::CredentialReport"])
	aws.is_true(row.password_enabled)
	some key in aws.active_keys(row)
	key.last_used == "N/A"
	msg := sprintf("IAM user %s has a console password and access key %d that has never been used (last used: N/A)", [row.user, key.slot])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
