package parapet.rules.azure.network.all_traffic_internet_open_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.network.all_traffic_internet_open as rule

nsg(rules) := fx.res("microsoft.network/networksecuritygroups", "nsg-web-prod", {"properties": {"securityRules": rules, "defaultSecurityRules": []}})

fail_any_any := fx.rin(nsg([fx.nsg_rule("allow-all", {"protocol": "*", "sourceAddressPrefix": "*", "destinationPortRange": "*"})]), {})

fail_tcp_all_ports_ipv6 := fx.rin(nsg([fx.nsg_rule("allow-v6", {"sourceAddressPrefix": "::/0", "destinationPortRange": "*"})]), {})

fail_prefix_list := fx.rin(nsg([fx.nsg_rule("allow-list", {"sourceAddressPrefixes": ["0.0.0.0/0"], "destinationPortRanges": ["*"]})]), {})

pass_single_port := fx.rin(nsg([fx.nsg_rule("web", {"sourceAddressPrefix": "*", "destinationPortRange": "443"})]), {})

pass_wide_range_not_all := fx.rin(nsg([fx.nsg_rule("range", {"sourceAddressPrefix": "Internet", "destinationPortRange": "1024-65535"})]), {})

pass_internal_source := fx.rin(nsg([fx.nsg_rule("vnet", {"sourceAddressPrefix": "VirtualNetwork", "destinationPortRange": "*", "protocol": "*"})]), {})

pass_icmp := fx.rin(nsg([fx.nsg_rule("ping", {"protocol": "Icmp", "sourceAddressPrefix": "*", "destinationPortRange": "*"})]), {})

test_any_any_fails if count(rule.deny) == 1 with input as fail_any_any

test_ipv6_all_ports_fails if count(rule.deny) == 1 with input as fail_tcp_all_ports_ipv6

test_prefix_lists_fail if count(rule.deny) == 1 with input as fail_prefix_list

test_single_port_passes if count(rule.deny) == 0 with input as pass_single_port

test_wide_range_is_not_all_ports if count(rule.deny) == 0 with input as pass_wide_range_not_all

test_internal_source_passes if count(rule.deny) == 0 with input as pass_internal_source

test_icmp_passes if count(rule.deny) == 0 with input as pass_icmp

test_finding_names_the_nsg if {
	some f in rule.deny with input as fail_any_any
	f.resource == nsg([]).id
	f.evidence.rule == "allow-all"
}

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_any_any
	contains(f.msg, "nsg-web-prod")
	contains(f.msg, "allow-all")
	contains(f.msg, "all ports")
	contains(f.msg, "*")
}
