# METADATA
# title: EC2 instance has an owner tag
# description: Untagged instances have no owner to answer for them.
# custom:
#   id: aws.ec2.instance_tagged
#   severity: low
#   resource_types: [AWS::EC2::Instance]
#   scope: resource
#   frameworks:
#     test-fw: ["2"]
#   remediation:
#     text: Tag the instance with its owner.
package parapet.rules.aws.ec2.instance_tagged

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"tags": input.resource.tags}) if {
	not input.resource.tags.owner
	msg := sprintf("instance %s has no owner tag", [input.resource.id])
}

# A runaway evaluation (~1e10 steps) when an instance asks for it: only the wall-time
# bound stops it.
deny contains lib.finding(input.resource, "unreachable", {}) if {
	input.resource.config.spin == true
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i * j < 0
}
