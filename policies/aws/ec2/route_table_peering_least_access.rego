# METADATA
# title: Routes to VPC peering connections are least access
# description: >-
#   A default route (0.0.0.0/0 or ::/0) through a peering connection sends all
#   traffic to the peer VPC instead of only the subnets that need to talk.
#   Whether narrower routes are truly least access needs a human review.
# custom:
#   id: aws.ec2.route_table_peering_least_access
#   severity: medium
#   resource_types: [AWS::EC2::RouteTable]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["5.5"]
#     pci-dss-4.0: ["1.3.1", "1.3.2"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     hipaa: ["164.312(e)(1)"]
#   remediation:
#     text: Replace the default route through the peering connection with routes to the specific peer subnets.
#     cli: aws ec2 delete-route --route-table-id <rtb id> --destination-cidr-block 0.0.0.0/0 && aws ec2 create-route --route-table-id <rtb id> --destination-cidr-block <peer subnet> --vpc-peering-connection-id <pcx id>
package parapet.rules.aws.ec2.route_table_peering_least_access

import data.parapet.lib
import data.parapet.lib.network

destination(route) := route.destinationCidrBlock if route.destinationCidrBlock

destination(route) := route.destinationIpv6CidrBlock if route.destinationIpv6CidrBlock

deny contains lib.finding(input.resource, msg, {"destination": destination(route), "vpcPeeringConnectionId": route.vpcPeeringConnectionId}) if {
	some route in object.get(input.resource.config, "routes", [])
	route.vpcPeeringConnectionId
	network.is_world(destination(route))
	msg := concat("", ["route table ", lib.fmt_s(input.resource.config.routeTableId), " routes ", lib.fmt_s(destination(route)), " through peering connection ", lib.fmt_s(route.vpcPeeringConnectionId)])
}
