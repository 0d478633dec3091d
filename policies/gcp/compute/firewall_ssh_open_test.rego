package parapet.rules.gcp.compute.firewall_ssh_open_test

import data.parapet.rules.gcp.compute.firewall_ssh_open as rule

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

fail_exact := {"resource": firewall({"allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]})}

fail_ipv6 := {"resource": firewall({"sourceRanges": ["::/0"], "allowed": [{"IPProtocol": "tcp", "ports": ["80", "20-30"]}]})}

fail_all_protocols := {"resource": firewall({"allowed": [{"IPProtocol": "all"}]})}

fail_tcp_all_ports := {"resource": firewall({"sourceRanges": ["10.0.0.0/8", "0.0.0.0/0"], "allowed": [{"IPProtocol": "6"}]})}

pass_restricted_source := {"resource": firewall({"sourceRanges": ["35.235.240.0/20"], "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]})}

pass_other_port := {"resource": firewall({"allowed": [{"IPProtocol": "tcp", "ports": ["443", "23-32"]}, {"IPProtocol": "udp", "ports": ["22"]}]})}

pass_disabled := {"resource": firewall({"disabled": true, "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]})}

pass_egress := {"resource": firewall({"direction": "EGRESS", "destinationRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]})}

test_port_open_to_world_fails if {
	findings := rule.deny with input as fail_exact
	count(findings) == 1
	some f in findings
	contains(f.msg, "allow-admin")
	contains(f.msg, "TCP 22 from 0.0.0.0/0")
}

test_ipv6_world_and_port_range_fail if {
	findings := rule.deny with input as fail_ipv6
	some f in findings
	f.evidence.sourceRanges == ["::/0"]
}

test_all_protocols_and_all_tcp_ports_fail if {
	count(rule.deny) == 1 with input as fail_all_protocols
	count(rule.deny) == 1 with input as fail_tcp_all_ports
}

test_restricted_or_inactive_rules_pass if {
	count(rule.deny) == 0 with input as pass_restricted_source
	count(rule.deny) == 0 with input as pass_other_port
	count(rule.deny) == 0 with input as pass_disabled
	count(rule.deny) == 0 with input as pass_egress
}
