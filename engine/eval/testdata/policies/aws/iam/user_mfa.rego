# METADATA
# title: IAM users have MFA
# description: A password alone is one phishing email away from a breach.
# custom:
#   id: aws.iam.user_mfa
#   severity: medium
#   resource_types: [AWS::IAM::User]
#   scope: account
#   frameworks:
#     test-fw: ["3"]
#   remediation:
#     text: Enable MFA for every user.
package parapet.rules.aws.iam.user_mfa

import data.parapet.lib

deny contains lib.finding(user, msg, {"mfa": false, "users_in_account": count(input.resources["AWS::IAM::User"])}) if {
	some user in input.resources["AWS::IAM::User"]
	not user.config.MFA
	msg := sprintf("user %s in account %s has no MFA", [user.name, input.account.id])
}
