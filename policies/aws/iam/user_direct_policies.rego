# METADATA
# title: IAM users receive permissions only through groups
# description: Policies attached to individual users drift out of review; granting through groups keeps access tied to roles.
# custom:
#   id: aws.iam.user_direct_policies
#   severity: low
#   resource_types: [AWS::IAM::User]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.15"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     nist-800-53-r5: ["AC-2", "AC-6"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#   remediation:
#     text: Add the user to a group that carries the permissions, then detach the managed policies and delete the inline policies of the user.
#     cli: aws iam detach-user-policy --user-name <user> --policy-arn <arn>
package parapet.rules.aws.iam.user_direct_policies

import data.parapet.lib

attached := [p.policyName | some p in object.get(input.resource.config, "attachedManagedPolicies", [])]

inline := [p.policyName | some p in object.get(input.resource.config, "userPolicyList", [])]

deny contains lib.finding(input.resource, msg, {"attachedManagedPolicies": attached, "userPolicyList": inline}) if {
	count(attached) + count(inline) > 0
	msg := concat("", ["IAM user ", lib.fmt_s(input.resource.config.userName), " has policies attached directly: ", concat(", ", array.concat(attached, inline))])
}
