# METADATA
# title: "SQL server firewall allows neither any IP nor all of Azure"
# description: "A firewall rule 0.0.0.0-255.255.255.255 opens the server to the whole Internet; 0.0.0.0-0.0.0.0 ('Allow Azure services') opens it to every Azure tenant's resources. Either leaves only the login between an attacker and the data."
# custom:
#   id: azure.sql.no_open_firewall
#   severity: high
#   resource_types: ["microsoft.sql/servers"]
#   scope: resource
#   facts: ["parapet.azure/firewallrule"]
#   frameworks:
#     cis-azure-2.1.0: ["4.1.2"]
#     pci-dss-4.0: ["1.3.1", "1.4.1", "1.4.2"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["AC-3", "SC-7"]
#   remediation:
#     text: "Delete the rule and allow only the client address ranges or virtual networks that need access (or disable public network access)."
#     cli: "az sql server firewall-rule delete --resource-group <rg> --server <server> --name <rule>"
package parapet.rules.azure.sql.no_open_firewall

import data.parapet.lib
import data.parapet.lib.azure

open_ends := {"0.0.0.0": "all Azure services", "255.255.255.255": "any IP address"}

deny contains lib.finding(input.resource, msg, {"firewallRule": r.name, "startIpAddress": start, "endIpAddress": end}) if {
	object.get(azure.props(input.resource), "publicNetworkAccess", "Enabled") != "Disabled"
	some r in azure.firewall_rules(object.get(input, ["facts", "parapet.azure/firewallrule"], []), input.resource.id)
	start := r.config.properties.startIpAddress
	end := r.config.properties.endIpAddress
	start == "0.0.0.0"
	meaning := open_ends[end]
	msg := sprintf("SQL server %s firewall rule %s allows %s (%s-%s)", [input.resource.name, r.name, meaning, start, end])
}
