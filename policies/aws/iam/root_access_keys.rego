# METADATA
# title: The root user has no access keys
# description: >-
#   Access keys of the root user grant unrestricted, unscoped programmatic
#   control of the whole account; a leaked key is an account takeover.
# custom:
#   id: aws.iam.root_access_keys
#   severity: critical
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.4"]
#     pci-dss-4.0: ["7.2.2", "8.2.2"]
#     nist-800-53-r5: ["AC-2", "AC-6(2)", "AC-6(5)"]
#     hipaa: ["164.312(a)(1)"]
#   remediation:
#     text: Sign in as root, open Security credentials, and delete (after deactivating) every root access key; use IAM roles for automation.
package parapet.rules.aws.iam.root_access_keys

import data.parapet.lib
import data.parapet.lib.aws

deny contains lib.finding(root.arn, msg, {"access_key_1_active": root.access_key_1_active, "access_key_2_active": root.access_key_2_active}) if {
	root := aws.root_row(input.resources["Parapet::IAM::CredentialReport"])
	count(aws.active_keys(root)) > 0
	msg := sprintf("root user of account %s has %d active access key(s) (access_key_1_active=%s, access_key_2_active=%s)", [input.account.id, count(aws.active_keys(root)), root.access_key_1_active, root.access_key_2_active])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
