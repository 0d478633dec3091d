# METADATA
# title: "Key vault is reached through a private endpoint"
# description: "A private endpoint keeps vault traffic inside your virtual network instead of on its public endpoint."
# custom:
#   id: azure.keyvault.private_endpoint
#   severity: medium
#   resource_types: ["microsoft.keyvault/vaults"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["8.7"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(e)(1)"]
#     nist-800-53-r5: ["SC-7", "AC-4"]
#   remediation:
#     text: "Create a private endpoint for the vault and disable public network access."
#     cli: "az network private-endpoint create --name <pe> --resource-group <rg> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <vault id> --group-id vault --connection-name <name>"
package parapet.rules.azure.keyvault.private_endpoint

import data.parapet.lib
import data.parapet.lib.azure

approved := [c |
	some c in object.get(azure.props(input.resource), "privateEndpointConnections", [])
	object.get(c, ["properties", "privateLinkServiceConnectionState", "status"], "") == "Approved"
]

deny contains lib.finding(input.resource, msg, {"privateEndpointConnections": object.get(azure.props(input.resource), "privateEndpointConnections", [])}) if {
	count(approved) == 0
	msg := concat("", ["key vault ", lib.fmt_s(input.resource.name), " has no approved private endpoint connection (0 approved)"])
}
