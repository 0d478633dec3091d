# METADATA
# title: "Network security group does not allow SSH from the Internet"
# description: "An inbound Allow rule from any source (*, Internet, 0.0.0.0/0, ::/0) to TCP port 22 exposes SSH to brute force and exploitation from the whole Internet; reach it through Bastion, a VPN or a narrow source range."
# custom:
#   id: azure.network.ssh_internet_restricted
#   severity: high
#   resource_types: ["microsoft.network/networksecuritygroups"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["6.2"]
#     pci-dss-4.0: ["1.3.1", "1.4.1", "1.4.2"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["AC-17", "SC-7", "CM-7"]
#   remediation:
#     text: "Delete the rule or restrict its source to known address ranges; use Azure Bastion or just-in-time access for SSH."
#     cli: "az network nsg rule update --resource-group <rg> --nsg-name <nsg> --name <rule> --source-address-prefixes <trusted range>"
package parapet.rules.azure.network.ssh_internet_restricted

import data.parapet.lib
import data.parapet.lib.azure

port := 22

deny contains lib.finding(input.resource, msg, evidence) if {
	some rule in azure.inbound_allow_rules(input.resource, {"tcp"})
	range := azure.open_port_range(rule, port)
	source := azure.internet_source(rule)
	evidence := {"rule": azure.rule_name(rule), "sourceAddressPrefix": source, "destinationPortRange": range}
	msg := sprintf("network security group %s rule %s allows SSH (TCP %d) from %s on ports %s", [input.resource.name, azure.rule_name(rule), port, source, range])
}
