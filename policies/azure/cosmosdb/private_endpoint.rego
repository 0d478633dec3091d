# METADATA
# title: "Cosmos DB account is reached through a private endpoint"
# description: "A private endpoint keeps traffic to the account inside your virtual network and off its public endpoint."
# custom:
#   id: azure.cosmosdb.private_endpoint
#   severity: medium
#   resource_types: ["microsoft.documentdb/databaseaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["4.5.2"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "AC-4"]
#   remediation:
#     text: "Create a private endpoint for the account."
#     cli: "az network private-endpoint create --name <pe> --resource-group <rg> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <account id> --group-id Sql --connection-name <name>"
package parapet.rules.azure.cosmosdb.private_endpoint

import data.parapet.lib
import data.parapet.lib.azure

approved := [c |
	some c in object.get(azure.props(input.resource), "privateEndpointConnections", [])
	object.get(c, ["properties", "privateLinkServiceConnectionState", "status"], "") == "Approved"
]

deny contains lib.finding(input.resource, msg, {"privateEndpointConnections": object.get(azure.props(input.resource), "privateEndpointConnections", [])}) if {
	count(approved) == 0
	msg := sprintf("Cosmos DB account %s has no approved private endpoint connection (0 approved)", [input.resource.name])
}
