# METADATA
# title: RDS instances are encrypted at rest
# description: Unencrypted database storage, snapshots and replicas expose their data to anyone who obtains the underlying storage or a shared snapshot.
# custom:
#   id: aws.rds.instance_storage_encrypted
#   severity: high
#   resource_types: [AWS::RDS::DBInstance]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["2.3.1"]
#     pci-dss-4.0: ["3.5.1"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     hipaa: ["164.312(a)(2)(iv)"]
#   remediation:
#     text: Encryption cannot be switched on in place; snapshot the instance, copy the snapshot with encryption, and restore from the encrypted copy.
#     cli: aws rds copy-db-snapshot --source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>
#     terraform: resource "aws_db_instance" "this" { storage_encrypted = true }
package parapet.rules.aws.rds.instance_storage_encrypted

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"storageEncrypted": encrypted}) if {
	encrypted := object.get(input.resource.config, "storageEncrypted", false)
	encrypted != true
	msg := sprintf("RDS instance %s is not encrypted at rest (storageEncrypted=%s)", [input.resource.config.dBInstanceIdentifier, lib.show(encrypted)])
}
