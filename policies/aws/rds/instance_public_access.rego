# METADATA
# title: RDS instances are not publicly accessible
# description: A publicly accessible instance gets an Internet-resolvable address; only security groups then stand between the database and the Internet.
# custom:
#   id: aws.rds.instance_public_access
#   severity: high
#   resource_types: [AWS::RDS::DBInstance]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["2.3.3"]
#     pci-dss-4.0: ["1.3.1", "1.4.4"]
#     nist-800-53-r5: ["AC-3", "SC-7"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#   remediation:
#     text: Turn off public accessibility and place the instance in private subnets.
#     cli: aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible --apply-immediately
#     terraform: resource "aws_db_instance" "this" { publicly_accessible = false }
package parapet.rules.aws.rds.instance_public_access

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"publiclyAccessible": true, "endpoint": object.get(input.resource.config, ["endpoint", "address"], null)}) if {
	input.resource.config.publiclyAccessible == true
	msg := sprintf("RDS instance %s is publicly accessible (publiclyAccessible=true)", [input.resource.config.dBInstanceIdentifier])
}
