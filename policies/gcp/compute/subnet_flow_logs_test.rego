package parapet.rules.gcp.compute.subnet_flow_logs_test

import data.parapet.rules.gcp.compute.subnet_flow_logs as rule

subnet(fields) := {
	"id": "//compute.googleapis.com/projects/acme-prod/regions/europe-west1/subnetworks/app",
	"type": "compute.googleapis.com/Subnetwork",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "app",
	"config": object.union(
		{
			"name": "app",
			"network": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/prod",
			"ipCidrRange": "10.10.0.0/20",
			"region": "https://www.googleapis.com/compute/v1/projects/acme-prod/regions/europe-west1",
			"purpose": "PRIVATE",
			"privateIpGoogleAccess": true,
		},
		fields,
	),
}

pass_on := {"resource": subnet({"logConfig": {"enable": true, "aggregationInterval": "INTERVAL_5_SEC", "flowSampling": 1, "metadata": "INCLUDE_ALL_METADATA"}})}

pass_legacy_field := {"resource": subnet({"enableFlowLogs": true})}

fail_off := {"resource": subnet({"logConfig": {"enable": false}})}

fail_absent := {"resource": subnet({})}

pass_proxy_only := {"resource": subnet({"purpose": "REGIONAL_MANAGED_PROXY", "role": "ACTIVE"})}

test_flow_logs_on_pass if {
	count(rule.deny) == 0 with input as pass_on
	count(rule.deny) == 0 with input as pass_legacy_field
	count(rule.deny) == 0 with input as pass_proxy_only
}

test_flow_logs_off_fails if {
	findings := rule.deny with input as fail_off
	count(findings) == 1
	some f in findings
	contains(f.msg, "app (10.10.0.0/20)")
	count(rule.deny) == 1 with input as fail_absent
}
