# METADATA
# title: The default security group of every VPC allows no traffic
# description: >-
#   Resources launched without an explicit group land in the default one; with
#   no rules it isolates them until someone grants access on purpose.
# custom:
#   id: aws.ec2.default_security_group_restricts_all
#   severity: medium
#   resource_types: [AWS::EC2::SecurityGroup]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["5.4"]
#     pci-dss-4.0: ["1.3.1", "1.3.2"]
#     nist-800-53-r5: ["SC-7", "SC-7(5)", "AC-4"]
#     hipaa: ["164.312(a)(1)"]
#   remediation:
#     text: Remove every inbound and outbound rule of the default security group and use purpose-built groups instead.
#     terraform: resource "aws_default_security_group" "default" { vpc_id = "<vpc id>" }
package parapet.rules.aws.ec2.default_security_group_restricts_all

import data.parapet.lib

config := input.resource.config

inbound := count(object.get(config, "ipPermissions", []))

outbound := count(object.get(config, "ipPermissionsEgress", []))

deny contains lib.finding(input.resource, msg, {"ipPermissions": inbound, "ipPermissionsEgress": outbound}) if {
	config.groupName == "default"
	inbound + outbound > 0
	msg := sprintf("default security group %s of VPC %s has %d inbound and %d outbound rule(s)", [config.groupId, config.vpcId, inbound, outbound])
}
