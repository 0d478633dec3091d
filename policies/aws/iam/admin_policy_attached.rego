# METADATA
# title: No attached IAM policy grants full "*:*" administrative privileges
# description: >-
#   A policy allowing every action on every resource gives whoever holds it the
#   whole account; grant least privilege instead.
# custom:
#   id: aws.iam.admin_policy_attached
#   severity: critical
#   resource_types: [AWS::IAM::Policy]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.16"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     nist-800-53-r5: ["AC-6", "AC-6(1)"]
#     hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)"]
#   remediation:
#     text: Detach the policy from every user, group and role, and replace it with policies scoped to the needed actions and resources.
#     cli: aws iam detach-role-policy --role-name <role> --policy-arn <arn>
package parapet.rules.aws.iam.admin_policy_attached

import data.parapet.lib
import data.parapet.lib.aws

deny contains lib.finding(input.resource, msg, {"attachmentCount": config.attachmentCount, "defaultVersionId": config.defaultVersionId}) if {
	config := input.resource.config
	config.attachmentCount > 0
	aws.allows_full_admin(aws.default_version_document(config))
	msg := sprintf("IAM policy %s allows \"*\" on \"*\" in its default version %s and is attached %d time(s)", [config.policyName, config.defaultVersionId, config.attachmentCount])
}
