# METADATA
# title: EC2 instances require IMDSv2
# description: >-
#   IMDSv1 answers any GET request, so an SSRF bug in an application can read the
#   instance role's credentials; IMDSv2 requires a session token obtained by PUT.
# custom:
#   id: aws.ec2.instance_imdsv2
#   severity: medium
#   resource_types: [AWS::EC2::Instance]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["5.6"]
#     pci-dss-4.0: ["2.2.6"]
#     nist-800-53-r5: ["CM-6", "AC-3"]
#     hipaa: ["164.312(a)(1)"]
#   remediation:
#     text: Require session tokens on the instance metadata service (after checking the software on the instance supports IMDSv2).
#     cli: aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required --http-endpoint enabled
#     terraform: resource "aws_instance" "this" { metadata_options { http_tokens = "required" } }
package parapet.rules.aws.ec2.instance_imdsv2

import data.parapet.lib

options := object.get(input.resource.config, "metadataOptions", {})

deny contains lib.finding(input.resource, msg, {"httpTokens": tokens, "httpEndpoint": endpoint}) if {
	not object.get(input.resource.config, ["state", "name"], "") in {"terminated", "shutting-down"}
	endpoint := object.get(options, "httpEndpoint", "enabled")
	endpoint != "disabled"
	tokens := object.get(options, "httpTokens", "optional")
	tokens != "required"
	msg := concat("", ["EC2 instance ", lib.fmt_s(input.resource.config.instanceId), " allows IMDSv1 (httpTokens=", lib.fmt_s(tokens), ")"])
}
