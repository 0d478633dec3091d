# METADATA
# title: EFS file systems are encrypted at rest
# description: An unencrypted file system stores its data in the clear on AWS storage; encryption can only be chosen at creation.
# custom:
#   id: aws.efs.file_system_encrypted
#   severity: high
#   resource_types: [AWS::EFS::FileSystem]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["2.4.1"]
#     pci-dss-4.0: ["3.5.1"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     hipaa: ["164.312(a)(2)(iv)"]
#   remediation:
#     text: Create an encrypted file system, copy the data (e.g. with AWS DataSync), and delete the unencrypted one.
#     cli: aws efs create-file-system --encrypted --kms-key-id <key>
#     terraform: resource "aws_efs_file_system" "this" { encrypted = true }
package parapet.rules.aws.efs.file_system_encrypted

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"Encrypted": encrypted}) if {
	encrypted := object.get(input.resource.config, "Encrypted", false)
	encrypted != true
	msg := sprintf("EFS file system %s is not encrypted at rest (Encrypted=%s)", [input.resource.config.FileSystemId, lib.show(encrypted)])
}
