# METADATA
# title: RDS instances apply minor engine upgrades automatically
# description: Minor engine versions carry security fixes; automatic minor upgrades apply them in the maintenance window.
# custom:
#   id: aws.rds.instance_auto_minor_version_upgrade
#   severity: medium
#   resource_types: [AWS::RDS::DBInstance]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["2.3.2"]
#     pci-dss-4.0: ["6.3.3"]
#     nist-800-53-r5: ["SI-2"]
#     hipaa: ["164.308(a)(1)(ii)(B)"]
#   remediation:
#     text: Turn on auto minor version upgrade for the instance.
#     cli: aws rds modify-db-instance --db-instance-identifier <id> --auto-minor-version-upgrade --apply-immediately
#     terraform: resource "aws_db_instance" "this" { auto_minor_version_upgrade = true }
package parapet.rules.aws.rds.instance_auto_minor_version_upgrade

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"autoMinorVersionUpgrade": enabled}) if {
	enabled := object.get(input.resource.config, "autoMinorVersionUpgrade", false)
	enabled != true
	msg := sprintf("RDS instance %s does not upgrade minor versions automatically (autoMinorVersionUpgrade=%s)", [input.resource.config.dBInstanceIdentifier, lib.show(enabled)])
}
