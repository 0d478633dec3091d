# METADATA
# title: IAM password policy prevents reuse of the last 24 passwords
# description: Reusing old passwords revives credentials that may already have leaked.
# custom:
#   id: aws.iam.password_policy_reuse
#   severity: medium
#   resource_types: [Parapet::IAM::PasswordPolicy]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.9"]
#     pci-dss-4.0: ["8.3.7"]
#     nist-800-53-r5: ["IA-5(1)"]
#     hipaa: ["164.308(a)(5)(ii)(D)"]
#   remediation:
#     text: Set the account password policy to remember 24 passwords.
#     cli: aws iam update-account-password-policy --password-reuse-prevention 24
#     terraform: resource "aws_iam_account_password_policy" "this" { password_reuse_prevention = 24 }
package parapet.rules.aws.iam.password_policy_reuse

import data.parapet.lib

remembered := 24

deny contains lib.finding(input.resource, msg, {"PasswordReusePrevention": reuse}) if {
	reuse := object.get(input.resource.config, "PasswordReusePrevention", null)
	not reuse >= remembered
	msg := sprintf("account %s password policy remembers %s previous passwords, fewer than %d", [input.resource.account, lib.show(reuse), remembered])
}
