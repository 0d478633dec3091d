package parapet.rules.gcp.compute.default_network_test

import data.parapet.rules.gcp.compute.default_network as rule

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

fail_default := {"resource": network({})}

pass_custom := {"resource": network({"name": "prod", "autoCreateSubnetworks": false})}

test_default_network_fails if {
	findings := rule.deny with input as fail_default
	count(findings) == 1
	some f in findings
	contains(f.msg, "acme-prod")
}

test_custom_network_passes if {
	count(rule.deny) == 0 with input as pass_custom
}
