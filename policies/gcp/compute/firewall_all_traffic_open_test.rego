package parapet.rules.gcp.compute.firewall_all_traffic_open_test

import data.parapet.rules.gcp.compute.firewall_all_traffic_open as rule

firewall(fields) := {
	"id": "//compute.googleapis.com/projects/acme-prod/global/firewalls/allow-admin",
	"type": "compute.googleapis.com/Firewall",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "allow-admin",
	"config": object.union(
		{
			"name": "allow-admin",
			"network": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/prod",
			"direction": "INGRESS",
			"priority": 1000,
			"sourceRanges": ["0.0.0.0/0"],
			"disabled": false,
			"selfLink": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/firewalls/allow-admin",
		},
		fields,
	),
}

fail_all := {"resource": firewall({"allowed": [{"IPProtocol": "all"}]})}

fail_udp_all_ports := {"resource": firewall({"sourceRanges": ["::/0"], "allowed": [{"IPProtocol": "udp"}]})}

fail_full_range := {"resource": firewall({"allowed": [{"IPProtocol": "tcp", "ports": ["0-65535"]}]})}

pass_icmp := {"resource": firewall({"allowed": [{"IPProtocol": "icmp"}, {"IPProtocol": "tcp", "ports": ["443"]}]})}

pass_internal := {"resource": firewall({"sourceRanges": ["10.128.0.0/9"], "allowed": [{"IPProtocol": "all"}]})}

test_all_protocols_fail if {
	findings := rule.deny with input as fail_all
	count(findings) == 1
	some f in findings
	contains(f.msg, "allow-admin")
	contains(f.msg, "0.0.0.0/0")
}

test_all_ports_fail if {
	count(rule.deny) == 1 with input as fail_udp_all_ports
	count(rule.deny) == 1 with input as fail_full_range
}

test_narrow_rules_pass if {
	count(rule.deny) == 0 with input as pass_icmp
	count(rule.deny) == 0 with input as pass_internal
}
