# METADATA
# title: IAM password policy requires at least 14 characters
# description: Short passwords fall to guessing and cracking; CIS asks for a minimum length of 14.
# custom:
#   id: aws.iam.password_policy_min_length
#   severity: medium
#   resource_types: [Parapet::IAM::PasswordPolicy]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.8"]
#     pci-dss-4.0: ["8.3.6"]
#     nist-800-53-r5: ["IA-5(1)"]
#     hipaa: ["164.308(a)(5)(ii)(D)"]
#   remediation:
#     text: Set the account password policy's minimum length to 14 or more.
#     cli: aws iam update-account-password-policy --minimum-password-length 14
#     terraform: resource "aws_iam_account_password_policy" "this" { minimum_password_length = 14 }
package parapet.rules.aws.iam.password_policy_min_length

import data.parapet.lib

min_length := 14

deny contains lib.finding(input.resource, msg, {"MinimumPasswordLength": length}) if {
	length := object.get(input.resource.config, "MinimumPasswordLength", null)
	not length >= min_length
	msg := sprintf("account %s password policy minimum length is %s, below %d", [input.resource.account, lib.show(length), min_length])
}
