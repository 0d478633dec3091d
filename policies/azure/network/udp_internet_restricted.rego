# METADATA
# title: "Network security group does not allow UDP from the Internet"
# description: "Inbound UDP from any source lets attackers use exposed services (DNS, NTP, SSDP, CLDAP\u2026) for reflection and amplification attacks and probes services that rarely need Internet exposure."
# custom:
#   id: azure.network.udp_internet_restricted
#   severity: medium
#   resource_types: ["microsoft.network/networksecuritygroups"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["6.3"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "SC-5", "CM-7"]
#   remediation:
#     text: "Delete inbound UDP rules open to the Internet or restrict their source; protect required UDP services with DDoS Network Protection."
#     cli: "az network nsg rule update --resource-group <rg> --nsg-name <nsg> --name <rule> --source-address-prefixes <trusted range>"
package parapet.rules.azure.network.udp_internet_restricted

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, evidence) if {
	some rule in azure.inbound_allow_rules(input.resource, {"udp"})
	source := azure.internet_source(rule)
	protocol := object.get(azure.rule_props(rule), "protocol", "*")
	ports := [p | some p in azure.rule_ports(rule); p != ""]
	evidence := {"rule": azure.rule_name(rule), "protocol": protocol, "sourceAddressPrefix": source, "destinationPortRanges": ports}
	msg := concat("", ["network security group ", lib.fmt_s(input.resource.name), " rule ", lib.fmt_s(azure.rule_name(rule)), " allows UDP (protocol ", lib.fmt_s(protocol), ") from ", lib.fmt_s(source), " on ports ", azure.text(ports)])
}
