# METADATA
# title: "Network security group does not allow HTTP(S) from the Internet"
# description: "Inbound Allow rules from any source (*, Internet, 0.0.0.0/0, ::/0) to TCP 80 or 443 expose a web endpoint to the Internet; that should be a reviewed decision (typically behind Application Gateway or Front Door with a WAF), not a default."
# custom:
#   id: azure.network.http_internet_restricted
#   severity: low
#   resource_types: ["microsoft.network/networksecuritygroups"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["6.4"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "CM-7"]
#   remediation:
#     text: "Restrict the source of HTTP(S) rules, or front the service with Application Gateway or Front Door and allow only their service tag."
#     cli: "az network nsg rule update --resource-group <rg> --nsg-name <nsg> --name <rule> --source-address-prefixes <trusted range>"
package parapet.rules.azure.network.http_internet_restricted

import data.parapet.lib
import data.parapet.lib.azure

ports := [80, 443]

deny contains lib.finding(input.resource, msg, evidence) if {
	some rule in azure.inbound_allow_rules(input.resource, {"tcp"})
	some port in ports
	range := azure.open_port_range(rule, port)
	source := azure.internet_source(rule)
	evidence := {"rule": azure.rule_name(rule), "port": port, "sourceAddressPrefix": source, "destinationPortRange": range}
	msg := sprintf("network security group %s rule %s allows HTTP(S) (TCP %d) from %s on ports %s", [input.resource.name, azure.rule_name(rule), port, source, range])
}
