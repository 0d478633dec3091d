package parapet.rules.azure.network.rdp_internet_restricted_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.network.rdp_internet_restricted as rule

nsg(rules) := fx.res("microsoft.network/networksecuritygroups", "nsg-web-prod", {"properties": {"securityRules": rules, "defaultSecurityRules": []}})

fail_star_source := fx.rin(nsg([fx.nsg_rule("allow-admin", {"sourceAddressPrefix": "*", "destinationPortRange": "3389"})]), {})

fail_internet_tag := fx.rin(nsg([fx.nsg_rule("allow-admin", {"sourceAddressPrefix": "Internet", "destinationPortRange": "3389"})]), {})

fail_ipv4_any := fx.rin(nsg([fx.nsg_rule("allow-admin", {"sourceAddressPrefix": "0.0.0.0/0", "destinationPortRange": "3389"})]), {})

fail_ipv6_any := fx.rin(nsg([fx.nsg_rule("allow-admin", {"sourceAddressPrefix": "::/0", "destinationPortRange": "3389"})]), {})

fail_prefix_list := fx.rin(nsg([fx.nsg_rule("allow-admin", {"sourceAddressPrefixes": ["10.0.0.0/8", "0.0.0.0/0"], "destinationPortRange": "3389"})]), {})

fail_all_ports := fx.rin(nsg([fx.nsg_rule("allow-all", {"sourceAddressPrefix": "*", "destinationPortRange": "*", "protocol": "*"})]), {})

fail_range := fx.rin(nsg([fx.nsg_rule("allow-range", {"sourceAddressPrefix": "Internet", "destinationPortRange": "3387-3397"})]), {})

fail_port_list := fx.rin(nsg([fx.nsg_rule("allow-list", {"sourceAddressPrefix": "*", "destinationPortRanges": ["443", "3389"]})]), {})

fail_any_protocol := fx.rin(nsg([fx.nsg_rule("allow-any", {"sourceAddressPrefix": "*", "destinationPortRange": "3389", "protocol": "*"})]), {})

pass_trusted_source := fx.rin(nsg([fx.nsg_rule("allow-office", {"sourceAddressPrefix": "203.0.113.0/24", "destinationPortRange": "3389"})]), {})

pass_deny_rule := fx.rin(nsg([fx.nsg_rule("deny-admin", {"access": "Deny", "sourceAddressPrefix": "*", "destinationPortRange": "3389"})]), {})

pass_outbound := fx.rin(nsg([fx.nsg_rule("out", {"direction": "Outbound", "sourceAddressPrefix": "*", "destinationPortRange": "3389"})]), {})

pass_udp_only := fx.rin(nsg([fx.nsg_rule("udp", {"protocol": "Udp", "sourceAddressPrefix": "*", "destinationPortRange": "3389"})]), {})

pass_other_range := fx.rin(nsg([fx.nsg_rule("web", {"sourceAddressPrefix": "*", "destinationPortRanges": ["3390-3489", "3388"]})]), {})

pass_no_rules := fx.rin(nsg([]), {})

test_star_source_fails if count(rule.deny) == 1 with input as fail_star_source

test_internet_tag_fails if count(rule.deny) == 1 with input as fail_internet_tag

test_ipv4_any_fails if count(rule.deny) == 1 with input as fail_ipv4_any

test_ipv6_any_fails if count(rule.deny) == 1 with input as fail_ipv6_any

test_source_prefix_list_fails if count(rule.deny) == 1 with input as fail_prefix_list

test_all_ports_fail if count(rule.deny) == 1 with input as fail_all_ports

test_range_containing_port_fails if count(rule.deny) == 1 with input as fail_range

test_port_list_fails if count(rule.deny) == 1 with input as fail_port_list

test_any_protocol_fails if count(rule.deny) == 1 with input as fail_any_protocol

test_trusted_source_passes if count(rule.deny) == 0 with input as pass_trusted_source

test_deny_rule_passes if count(rule.deny) == 0 with input as pass_deny_rule

test_outbound_passes if count(rule.deny) == 0 with input as pass_outbound

test_udp_only_passes if count(rule.deny) == 0 with input as pass_udp_only

test_ranges_around_port_pass if count(rule.deny) == 0 with input as pass_other_range

test_no_rules_pass if count(rule.deny) == 0 with input as pass_no_rules

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_range
	contains(f.msg, "nsg-web-prod")
	contains(f.msg, "allow-range")
	contains(f.msg, "3387-3397")
	contains(f.msg, "Internet")
}
