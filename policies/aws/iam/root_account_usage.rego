# METADATA
# title: The root user is not used for everyday tasks
# description: >-
#   Every use of the root user exposes credentials that cannot be scoped or
#   audited per person. Flags a root password or root access key used in the
#   last 30 days.
# custom:
#   id: aws.iam.root_account_usage
#   severity: medium
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.7"]
#     pci-dss-4.0: ["7.2.2", "8.2.2"]
#     nist-800-53-r5: ["AC-6(2)", "AC-6(5)"]
#     hipaa: ["164.312(a)(1)"]
#   remediation:
#     text: Create IAM Identity Center users or IAM roles for administration, and keep the root user for the few tasks that require it.
package parapet.rules.aws.iam.root_account_usage

import data.parapet.lib
import data.parapet.lib.aws
import data.parapet.lib.dates

window_days := 30

uses(root) := [{"credential": field, "last_used": root[field]} |
	some field in ["password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date"]
	root[field]
	not dates.older_than_days(root[field], window_days, time.now_ns())
	dates.timestamp_ns(root[field])
]

deny contains lib.finding(root.arn, msg, {"recent_uses": used}) if {
	root := aws.root_row(input.resources["Parapet::IAM::CredentialReport"])
	used := uses(root)
	count(used) > 0
	msg := sprintf("root user of account %s was used in the last %d days: %s", [input.account.id, window_days, concat(", ", [sprintf("%s=%s", [u.credential, u.last_used]) | some u in used])])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
