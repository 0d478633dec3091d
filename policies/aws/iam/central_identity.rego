# METADATA
# title: IAM users are managed centrally through identity federation
# description: >-
#   Console users defined in each account multiply passwords to protect and
#   accounts to remove when people leave; federate them from one identity
#   provider (IAM Identity Center or a SAML IdP) instead. Flags an account that
#   has IAM users with console passwords but no SAML identity provider.
# custom:
#   id: aws.iam.central_identity
#   severity: medium
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   facts: [AWS::IAM::SAMLProvider]
#   frameworks:
#     cis-aws-3.0.0: ["1.21"]
#     pci-dss-4.0: ["8.2.4", "8.2.5"]
#     nist-800-53-r5: ["AC-2(1)", "IA-2"]
#     hipaa: ["164.308(a)(4)(ii)(C)"]
#   remediation:
#     text: Enable IAM Identity Center (or add a SAML identity provider), move people to federated access, and delete the local console users.
package parapet.rules.aws.iam.central_identity

import data.parapet.lib
import data.parapet.lib.aws

console_users := sort([row.user |
	some row in aws.iam_user_rows(input.resources["Parapet::IAM::CredentialReport"])
	aws.is_true(row.password_enabled)
])

deny contains lib.finding(aws.account_resource(input.account), msg, {"console_users": console_users, "saml_providers": 0}) if {
	count(object.get(input.resources, "AWS::IAM::SAMLProvider", [])) == 0
	count(console_users) > 0
	msg := sprintf("account %s has no SAML identity provider but %d local IAM console user(s): %s", [input.account.id, count(console_users), concat(", ", console_users)])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
