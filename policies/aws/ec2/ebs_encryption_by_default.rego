# METADATA
# title: EBS encryption by default is enabled in every region
# description: With encryption by default, every new EBS volume and snapshot in the region is encrypted at rest, whoever creates it.
# custom:
#   id: aws.ec2.ebs_encryption_by_default
#   severity: high
#   resource_types: [Parapet::EC2::EbsEncryptionByDefault]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["2.2.1"]
#     pci-dss-4.0: ["3.5.1"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     hipaa: ["164.312(a)(2)(iv)"]
#   remediation:
#     text: Enable EBS encryption by default in the region.
#     cli: aws ec2 enable-ebs-encryption-by-default --region <region>
#     terraform: resource "aws_ebs_encryption_by_default" "this" { enabled = true }
package parapet.rules.aws.ec2.ebs_encryption_by_default

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"EbsEncryptionByDefault": enabled}) if {
	enabled := object.get(input.resource.config, "EbsEncryptionByDefault", false)
	enabled != true
	msg := sprintf("EBS encryption by default is off in region %s of account %s (EbsEncryptionByDefault=%s)", [input.resource.region, input.resource.account, lib.show(enabled)])
}
