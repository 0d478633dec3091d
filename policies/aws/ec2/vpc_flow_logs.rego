# METADATA
# title: VPC flow logging is enabled in every VPC
# description: Flow logs record accepted and rejected traffic, the evidence needed to spot scanning, exfiltration and lateral movement.
# custom:
#   id: aws.ec2.vpc_flow_logs
#   severity: medium
#   resource_types: [AWS::EC2::VPC]
#   scope: resource
#   facts: [AWS::EC2::FlowLog]
#   frameworks:
#     cis-aws-3.0.0: ["3.7"]
#     pci-dss-4.0: ["10.2.1"]
#     nist-800-53-r5: ["AU-12", "SI-4"]
#     hipaa: ["164.312(b)"]
#   remediation:
#     text: Create a flow log for the VPC capturing at least rejected traffic.
#     cli: aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc id> --traffic-type REJECT --log-destination-type cloud-watch-logs --log-group-name <group> --deliver-logs-permission-arn <role>
#     terraform: resource "aws_flow_log" "this" { vpc_id = "<vpc id>" traffic_type = "REJECT" }
package parapet.rules.aws.ec2.vpc_flow_logs

import data.parapet.lib

vpc_id := input.resource.config.vpcId

deny contains lib.finding(input.resource, msg, {"vpcId": vpc_id, "flow_logs": flow_logs}) if {
	not has_flow_log
	msg := sprintf("VPC %s has no active flow log of ALL or REJECT traffic (flow logs on it: %v)", [vpc_id, flow_logs])
}

# The flow logs attached to this VPC, whatever their state, for the message and evidence.
flow_logs := [{"flowLogId": object.get(fl.config, "flowLogId", fl.id), "flowLogStatus": object.get(fl.config, "flowLogStatus", null), "trafficType": object.get(fl.config, "trafficType", null)} |
	some fl in object.get(input.facts, "AWS::EC2::FlowLog", [])
	fl.config.resourceId == vpc_id
]

has_flow_log if {
	some fl in object.get(input.facts, "AWS::EC2::FlowLog", [])
	fl.config.resourceId == vpc_id
	object.get(fl.config, "flowLogStatus", "ACTIVE") == "ACTIVE"
	fl.config.trafficType in {"ALL", "REJECT"}
}
