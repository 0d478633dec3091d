# METADATA
# title: "Network security group does not allow all traffic from the Internet"
# description: "An inbound Allow rule from any source (*, Internet, 0.0.0.0/0, ::/0) on every port exposes every service behind the network security group, including administration and database ports, to the whole Internet."
# custom:
#   id: azure.network.all_traffic_internet_open
#   severity: critical
#   resource_types: ["microsoft.network/networksecuritygroups"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["6.1", "6.2", "6.3"]
#     pci-dss-4.0: ["1.3.1", "1.4.1", "1.4.2"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "AC-17", "CM-7"]
#   remediation:
#     text: "Delete the rule; allow only the ports the workload serves, from the sources that need them."
#     cli: "az network nsg rule delete --resource-group <rg> --nsg-name <nsg> --name <rule>"
package parapet.rules.azure.network.all_traffic_internet_open

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, evidence) if {
	some rule in azure.inbound_allow_rules(input.resource, {"tcp", "udp"})
	"*" in azure.rule_ports(rule)
	source := azure.internet_source(rule)
	protocol := object.get(azure.rule_props(rule), "protocol", "*")
	evidence := {"rule": azure.rule_name(rule), "protocol": protocol, "sourceAddressPrefix": source, "destinationPortRange": "*"}
	msg := sprintf("network security group %s rule %s allows all ports (protocol %s) from %s", [input.resource.name, azure.rule_name(rule), protocol, source])
}
