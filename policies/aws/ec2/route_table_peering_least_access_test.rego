package parapet.rules.aws.ec2.route_table_peering_least_access_test

import data.parapet.rules.aws.ec2.route_table_peering_least_access

rtb(routes) := {"resource": {"id": "arn:aws:ec2:eu-west-1:111122223333:route-table/rtb-0abc", "type": "AWS::EC2::RouteTable", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"routeTableId": "rtb-0abc", "vpcId": "vpc-0abc", "associations": [], "routes": routes}}, "facts": {}}

local := {"destinationCidrBlock": "10.0.0.0/16", "gatewayId": "local", "origin": "CreateRouteTable", "state": "active"}

igw := {"destinationCidrBlock": "0.0.0.0/0", "gatewayId": "igw-0abc", "origin": "CreateRoute", "state": "active"}

peer_subnet := {"destinationCidrBlock": "10.1.2.0/24", "vpcPeeringConnectionId": "pcx-0abc", "origin": "CreateRoute", "state": "active"}

pass_narrow_peering := rtb([local, igw, peer_subnet])

fail_default_via_peering := rtb([local, {"destinationCidrBlock": "0.0.0.0/0", "vpcPeeringConnectionId": "pcx-0abc", "origin": "CreateRoute", "state": "active"}])

fail_ipv6_default_via_peering := rtb([local, {"destinationIpv6CidrBlock": "::/0", "vpcPeeringConnectionId": "pcx-0def", "origin": "CreateRoute", "state": "active"}])

test_pass_for_subnet_routes if {
	count(route_table_peering_least_access.deny) == 0 with input as pass_narrow_peering
}

test_fail_for_default_routes_via_peering if {
	some f in route_table_peering_least_access.deny with input as fail_default_via_peering
	f.msg == "route table rtb-0abc routes 0.0.0.0/0 through peering connection pcx-0abc"
	some g in route_table_peering_least_access.deny with input as fail_ipv6_default_via_peering
	g.evidence.destination == "::/0"
}
