# METADATA
# title: "Storage account is reached through a private endpoint"
# description: "A private endpoint gives the account an address inside your virtual network, so traffic stays on the Microsoft backbone instead of a public endpoint."
# custom:
#   id: azure.storage.private_endpoint
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.10"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "AC-4"]
#   remediation:
#     text: "Create a private endpoint for the account (and its sub-resources) in the consuming virtual network."
#     cli: "az network private-endpoint create --name <pe> --resource-group <rg> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <account id> --group-id blob --connection-name <name>"
package parapet.rules.azure.storage.private_endpoint

import data.parapet.lib
import data.parapet.lib.azure

approved(connection) if object.get(connection, ["properties", "privateLinkServiceConnectionState", "status"], "") == "Approved"

deny contains lib.finding(input.resource, msg, {"privateEndpointConnections": connections}) if {
	connections := object.get(azure.props(input.resource), "privateEndpointConnections", [])
	not any_approved(connections)
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " has no approved private endpoint connection (", format_int(count(connections), 10), " connections)"])
}

any_approved(connections) if {
	some c in connections
	approved(c)
}
