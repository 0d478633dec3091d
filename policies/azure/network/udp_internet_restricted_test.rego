package parapet.rules.azure.network.udp_internet_restricted_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.network.udp_internet_restricted as rule

nsg(rules) := fx.res("microsoft.network/networksecuritygroups", "nsg-web-prod", {"properties": {"securityRules": rules, "defaultSecurityRules": []}})

fail_udp_any := fx.rin(nsg([fx.nsg_rule("dns", {"protocol": "Udp", "sourceAddressPrefix": "*", "destinationPortRange": "53"})]), {})

fail_star_protocol := fx.rin(nsg([fx.nsg_rule("any", {"protocol": "*", "sourceAddressPrefix": "Internet", "destinationPortRange": "*"})]), {})

fail_ipv6 := fx.rin(nsg([fx.nsg_rule("ntp", {"protocol": "Udp", "sourceAddressPrefixes": ["::/0"], "destinationPortRanges": ["123", "500-600"]})]), {})

pass_tcp := fx.rin(nsg([fx.nsg_rule("web", {"protocol": "Tcp", "sourceAddressPrefix": "*", "destinationPortRange": "443"})]), {})

pass_udp_internal := fx.rin(nsg([fx.nsg_rule("dns", {"protocol": "Udp", "sourceAddressPrefix": "VirtualNetwork", "destinationPortRange": "53"})]), {})

test_udp_from_any_fails if count(rule.deny) == 1 with input as fail_udp_any

test_any_protocol_fails if count(rule.deny) == 1 with input as fail_star_protocol

test_ipv6_any_fails if count(rule.deny) == 1 with input as fail_ipv6

test_tcp_passes if count(rule.deny) == 0 with input as pass_tcp

test_internal_udp_passes if count(rule.deny) == 0 with input as pass_udp_internal

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_udp_any
	contains(f.msg, "nsg-web-prod")
	contains(f.msg, "dns")
	contains(f.msg, "Udp")
	contains(f.msg, "*")
}
