# METADATA
# title: The root user uses a hardware MFA device
# description: >-
#   A virtual MFA lives on a phone or laptop that can itself be compromised or
#   cloned; a hardware device keeps the root user's second factor offline.
# custom:
#   id: aws.iam.root_hardware_mfa
#   severity: medium
#   resource_types: [Parapet::IAM::AccountSummary]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.6"]
#     pci-dss-4.0: ["8.4.1", "8.5.1"]
#     nist-800-53-r5: ["IA-2(1)", "IA-2(6)"]
#     hipaa: ["164.312(d)"]
#   remediation:
#     text: Sign in as root, remove the virtual MFA device and assign a hardware TOTP token or FIDO security key.
package parapet.rules.aws.iam.root_hardware_mfa

import data.parapet.lib
import data.parapet.lib.aws

summaries := input.resources["Parapet::IAM::AccountSummary"]

deny contains lib.finding(s, msg, {"AccountMFAEnabled": object.get(s.config, "AccountMFAEnabled", 0)}) if {
	some s in summaries
	object.get(s.config, "AccountMFAEnabled", 0) != 1
	msg := sprintf("root user of account %s has no MFA device at all (AccountMFAEnabled=%s)", [input.account.id, lib.show(object.get(s.config, "AccountMFAEnabled", 0))])
}

deny contains lib.finding(device.User.Arn, msg, {"SerialNumber": device.SerialNumber}) if {
	some s in summaries
	some device in object.get(s.config, "VirtualMFADevices", [])
	endswith(object.get(device, ["User", "Arn"], ""), ":root")
	msg := sprintf("root user of account %s uses the virtual MFA device %s instead of a hardware device", [input.account.id, device.SerialNumber])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::AccountSummary")
