# METADATA
# title: IAM password policy requires 14 characters
# description: Short passwords fall to guessing; CIS asks for at least 14 characters.
# custom:
#   id: aws.iam.password_min_length
#   severity: medium
#   resource_types: [Parapet::IAM::PasswordPolicy]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.8"]
#     pci-dss-4.0: ["8.3.6"]
#   remediation:
#     text: Set MinimumPasswordLength to 14 or more.
#     cli: aws iam update-account-password-policy --minimum-password-length 14
package parapet.rules.aws.iam.password_min_length

import data.parapet.lib

deny contains lib.finding(policy, msg, {"MinimumPasswordLength": length}) if {
	some policy in input.resources["Parapet::IAM::PasswordPolicy"]
	length := object.get(policy.config, "MinimumPasswordLength", 0)
	length < 14
	msg := sprintf("account %s allows passwords of %d characters", [input.account.id, length])
}
