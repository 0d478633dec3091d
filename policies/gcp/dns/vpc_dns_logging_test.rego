package parapet.rules.gcp.dns.vpc_dns_logging_test

import data.parapet.rules.gcp.dns.vpc_dns_logging as rule

account := {"provider": "gcp", "id": "acme-prod"}

network(name) := {
	"id": sprintf("//compute.googleapis.com/projects/acme-prod/global/networks/%s", [name]),
	"type": "compute.googleapis.com/Network",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": name,
	"config": {
		"id": "4711",
		"name": name,
		"selfLink": sprintf("https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/%s", [name]),
		"autoCreateSubnetworks": false,
		"routingConfig": {"routingMode": "REGIONAL"},
	},
}

dns_policy(enable, networks) := {
	"id": "//dns.googleapis.com/projects/acme-prod/policies/logging",
	"type": "dns.googleapis.com/Policy",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "logging",
	"config": {
		"name": "logging",
		"enableLogging": enable,
		"enableInboundForwarding": false,
		"networks": [{"networkUrl": n, "kind": "dns#policyNetwork"} | some n in networks],
	},
}

pass_logged := {"account": account, "resources": {
	"compute.googleapis.com/Network": [network("prod")],
	"dns.googleapis.com/Policy": [dns_policy(true, ["https://www.googleapis.com/compute/beta/projects/acme-prod/global/networks/prod"])],
}}

fail_unlogged := {"account": account, "resources": {
	"compute.googleapis.com/Network": [network("prod"), network("dev")],
	"dns.googleapis.com/Policy": [dns_policy(true, ["https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/prod"])],
}}

fail_logging_off := {"account": account, "resources": {
	"compute.googleapis.com/Network": [network("prod")],
	"dns.googleapis.com/Policy": [dns_policy(false, ["https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/prod"])],
}}

test_logged_network_passes if {
	count(rule.deny) == 0 with input as pass_logged
}

test_network_without_policy_fails if {
	findings := rule.deny with input as fail_unlogged
	count(findings) == 1
	some f in findings
	f.resource == "//compute.googleapis.com/projects/acme-prod/global/networks/dev"
	contains(f.msg, "dev")
}

test_policy_with_logging_off_fails if {
	count(rule.deny) == 1 with input as fail_logging_off
}
