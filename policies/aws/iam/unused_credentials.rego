# METADATA
# title: Credentials unused for 45 days or more are disabled
# description: >-
#   Passwords and access keys nobody uses are still valid ways in; disabling
#   them after 45 idle days shrinks what an attacker can find and use.
# custom:
#   id: aws.iam.unused_credentials
#   severity: low
#   resource_types: [Parapet::IAM::CredentialReport]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.12"]
#     pci-dss-4.0: ["8.2.6"]
#     nist-800-53-r5: ["AC-2(3)", "IA-4"]
#     hipaa: ["164.308(a)(4)(ii)(C)"]
#   remediation:
#     text: Remove the console password (delete-login-profile) or deactivate the access key of credentials idle for 45 days or more.
#     cli: aws iam update-access-key --user-name <user> --access-key-id <key id> --status Inactive
package parapet.rules.aws.iam.unused_credentials

import data.parapet.lib
import data.parapet.lib.aws
import data.parapet.lib.dates

idle_days := 45

# last_activity falls back to when the credential was created when it was never used.
last_activity(used, _) := used if dates.timestamp_ns(used)

last_activity(used, created) := created if not dates.timestamp_ns(used)

deny contains lib.finding(row.arn, msg, {"credential": "password", "password_last_used": row.password_last_used}) if {
	some row in aws.iam_user_rows(input.resources["Parapet::IAM::CredentialReport"])
	aws.is_true(row.password_enabled)
	since := last_activity(row.password_last_used, row.user_creation_time)
	dates.at_least_days(since, idle_days, time.now_ns())
	msg := sprintf("IAM user %s has a console password unused for %d days (password_last_used=%s)", [row.user, dates.age_days(since, time.now_ns()), row.password_last_used])
}

deny contains lib.finding(row.arn, msg, {"credential": sprintf("access_key_%d", [key.slot]), "last_used": key.last_used, "last_rotated": key.last_rotated}) if {
	some row in aws.iam_user_rows(input.resources["Parapet::IAM::CredentialReport"])
	some key in aws.active_keys(row)
	since := last_activity(key.last_used, key.last_rotated)
	dates.at_least_days(since, idle_days, time.now_ns())
	msg := sprintf("IAM user %s has active access key %d unused for %d days (last used: %s)", [row.user, key.slot, dates.age_days(since, time.now_ns()), key.last_used])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::CredentialReport")
