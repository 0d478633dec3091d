# METADATA
# title: "Cosmos DB account is limited to selected networks"
# description: "A Cosmos DB account with no virtual network or IP filter accepts connections from every network; limiting it to selected networks keeps keys alone from being enough."
# custom:
#   id: azure.cosmosdb.selected_networks
#   severity: high
#   resource_types: ["microsoft.documentdb/databaseaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["4.5.1"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["AC-3", "SC-7"]
#   remediation:
#     text: "Under Networking choose 'Selected networks' (virtual network rules or IP rules) or disable public network access."
#     cli: "az cosmosdb update --name <account> --resource-group <rg> --enable-virtual-network true --ip-range-filter <ranges>"
package parapet.rules.azure.cosmosdb.selected_networks

import data.parapet.lib
import data.parapet.lib.azure

restricted(p) if p.publicNetworkAccess == "Disabled"

restricted(p) if p.isVirtualNetworkFilterEnabled == true

restricted(p) if {
	count(object.get(p, "ipRules", [])) > 0
	not "0.0.0.0" in {r.ipAddressOrRange | some r in p.ipRules}
}

deny contains lib.finding(input.resource, msg, evidence) if {
	p := azure.props(input.resource)
	not restricted(p)
	evidence := {
		"publicNetworkAccess": object.get(p, "publicNetworkAccess", "Enabled"),
		"isVirtualNetworkFilterEnabled": object.get(p, "isVirtualNetworkFilterEnabled", false),
		"ipRules": object.get(p, "ipRules", []),
	}
	msg := sprintf("Cosmos DB account %s accepts all networks (publicNetworkAccess %s, isVirtualNetworkFilterEnabled %s, ipRules %s)", [input.resource.name, evidence.publicNetworkAccess, azure.text(evidence.isVirtualNetworkFilterEnabled), azure.text(evidence.ipRules)])
}
