# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: SSE-KMS adds a key policy in front of the logs, so reading them needs decrypt permission on the key, not just S3 access.
# custom:
#   id: aws.cloudtrail.kms_encryption
#   severity: medium
#   resource_types: [Parapet::CloudTrail::TrailStatus]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["3.5"]
#     pci-dss-4.0: ["10.3.1", "10.3.2"]
#     nist-800-53-r5: ["AU-9", "SC-28"]
#     hipaa: ["164.312(a)(2)(iv)", "164.312(b)"]
#   remediation:
#     text: Create a customer managed KMS key whose policy lets CloudTrail encrypt, and configure the trail to use it.
#     cli: aws cloudtrail update-trail --name <trail> --kms-key-id <key arn>
#     terraform: resource "aws_cloudtrail" "this" { kms_key_id = aws_kms_key.trail.arn }
package parapet.rules.aws.cloudtrail.kms_encryption

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"KmsKeyId": null}) if {
	object.get(input.resource.config.Trail, "KmsKeyId", "") == ""
	msg := sprintf("CloudTrail trail %s logs are not encrypted with a KMS key (KmsKeyId unset)", [input.resource.config.Trail.Name])
}
