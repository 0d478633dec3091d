# METADATA
# title: AWSCloudShellFullAccess is not attached to anyone
# description: >-
#   Full CloudShell access includes file upload and download and unrestricted
#   outbound network from the shell: a data-exfiltration path that bypasses
#   other controls.
# custom:
#   id: aws.iam.cloudshell_full_access
#   severity: medium
#   resource_types: [AWS::IAM::User, AWS::IAM::Group, AWS::IAM::Role]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.22"]
#     pci-dss-4.0: ["7.2.2"]
#     nist-800-53-r5: ["AC-6"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#   remediation:
#     text: Detach AWSCloudShellFullAccess and grant a scoped CloudShell policy to those who need it.
#     cli: aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess
package parapet.rules.aws.iam.cloudshell_full_access

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"policyArn": p.policyArn}) if {
	some p in object.get(input.resource.config, "attachedManagedPolicies", [])
	endswith(p.policyArn, ":policy/AWSCloudShellFullAccess")
	msg := concat("", [lib.fmt_s(input.resource.type), " ", lib.fmt_s(input.resource.id), " has AWSCloudShellFullAccess attached"])
}
