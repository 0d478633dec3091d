# METADATA
# title: Active access keys are rotated every 90 days or less
# description: Long-lived keys accumulate exposure (logs, laptops, repositories); rotation bounds how long a leaked key works.
# custom:
#   id: aws.iam.access_key_rotation
#   severity: medium
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.14"]
#     pci-dss-4.0: ["8.3.9", "8.6.3"]
#     nist-800-53-r5: ["IA-5"]
#     hipaa: ["164.308(a)(5)(ii)(D)"]
#   remediation:
#     text: Create a new access key, move the workload to it, then deactivate and delete the old key.
#     cli: aws iam create-access-key --user-name <user>
package parapet.rules.aws.iam.access_key_rotation

import data.parapet.lib
import data.parapet.lib.aws
import data.parapet.lib.dates

max_age_days := 90

deny contains lib.finding(row.arn, msg, {"access_key": key.slot, "last_rotated": key.last_rotated}) if {
	some row in aws.credential_rows(input.resources["Parapet::IAM::CredentialReport"])
	some key in aws.active_keys(row)
	dates.older_than_days(key.last_rotated, max_age_days, time.now_ns())
	msg := sprintf("IAM user %s access key %d was last rotated %d days ago (%s), more than %d", [row.user, key.slot, dates.age_days(key.last_rotated, time.now_ns()), key.last_rotated, max_age_days])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
