# METADATA
# title: The root user has MFA enabled
# description: >-
#   Without MFA the root user, which can do anything in the account, falls to a
#   single stolen or guessed password.
# custom:
#   id: aws.iam.root_mfa
#   severity: critical
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.5"]
#     pci-dss-4.0: ["8.4.1", "8.5.1"]
#     nist-800-53-r5: ["IA-2(1)"]
#     hipaa: ["164.312(d)"]
#   remediation:
#     text: Sign in as root, open Security credentials and assign an MFA device (preferably hardware).
package parapet.rules.aws.iam.root_mfa

import data.parapet.lib
import data.parapet.lib.aws

deny contains lib.finding(root.arn, msg, {"mfa_active": root.mfa_active}) if {
	root := aws.root_row(input.resources["Parapet::IAM::CredentialReport"])
	not aws.is_true(root.mfa_active)
	msg := sprintf("root user of account %s has no MFA device (mfa_active=%s)", [input.account.id, root.mfa_active])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
