# METADATA
# title: EC2 instances use an IAM instance role
# description: >-
#   An instance without an instance profile gets AWS access only from keys stored
#   on it; instance roles hand out short-lived, rotated credentials instead.
# custom:
#   id: aws.ec2.instance_profile
#   severity: medium
#   resource_types: [AWS::EC2::Instance]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.18"]
#     pci-dss-4.0: ["8.6.2"]
#     nist-800-53-r5: ["IA-5(7)"]
#     hipaa: ["164.312(d)"]
#   remediation:
#     text: Create an IAM role for the workload, attach it to the instance through an instance profile, and remove any stored access keys.
#     cli: aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>
package parapet.rules.aws.ec2.instance_profile

import data.parapet.lib

state := object.get(input.resource.config, ["state", "name"], "")

deny contains lib.finding(input.resource, msg, {"iamInstanceProfile": null, "state": state}) if {
	not state in {"terminated", "shutting-down"}
	not input.resource.config.iamInstanceProfile.arn
	msg := concat("", ["EC2 instance ", lib.fmt_s(input.resource.config.instanceId), " (", lib.fmt_s(state), ") has no IAM instance profile"])
}
