# METADATA
# title: Every IAM user with a console password has MFA
# description: A console password without a second factor falls to phishing, reuse and guessing.
# custom:
#   id: aws.iam.console_user_mfa
#   severity: high
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.10"]
#     pci-dss-4.0: ["8.4.1", "8.4.2"]
#     nist-800-53-r5: ["IA-2(1)", "IA-2(2)"]
#     hipaa: ["164.312(d)"]
#   remediation:
#     text: Assign an MFA device to every IAM user that has a console password (or remove the password), and require MFA with an IAM policy condition.
package parapet.rules.aws.iam.console_user_mfa

import data.parapet.lib
import data.parapet.lib.aws

deny contains lib.finding(row.arn, msg, {"password_enabled": row.password_enabled, "mfa_active": row.mfa_active}) if {
	some row in aws.iam_user_rows(input.resources["Parapet::IAM::CredentialReport"])
	aws.is_true(row.password_enabled)
	not aws.is_true(row.mfa_active)
	msg := sprintf("IAM user %s has a console password but no MFA (mfa_active=%s)", [row.user, row.mfa_active])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
