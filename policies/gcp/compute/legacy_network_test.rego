package parapet.rules.gcp.compute.legacy_network_test

import data.parapet.rules.gcp.compute.legacy_network as rule

network(fields) := {
	"id": "//compute.googleapis.com/projects/acme-prod/global/networks/default",
	"type": "compute.googleapis.com/Network",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "default",
	"config": object.union(
		{
			"name": "default",
			"autoCreateSubnetworks": true,
			"routingConfig": {"routingMode": "REGIONAL"},
			"selfLink": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/default",
		},
		fields,
	),
}

fail_legacy := {"resource": json.remove(network({"name": "legacy", "IPv4Range": "10.240.0.0/16", "gatewayIPv4": "10.240.0.1"}), ["config/autoCreateSubnetworks"])}

pass_vpc := {"resource": network({"name": "prod", "autoCreateSubnetworks": false, "subnetworks": ["https://www.googleapis.com/compute/v1/projects/acme-prod/regions/europe-west1/subnetworks/prod"]})}

test_legacy_network_fails if {
	findings := rule.deny with input as fail_legacy
	count(findings) == 1
	some f in findings
	contains(f.msg, "10.240.0.0/16")
}

test_vpc_network_passes if {
	count(rule.deny) == 0 with input as pass_vpc
}
