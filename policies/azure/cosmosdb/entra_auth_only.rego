# METADATA
# title: "Cosmos DB account disables key-based (local) authentication"
# description: "With local authentication disabled, data access needs an Entra ID identity and an RBAC role instead of an account key that anyone holding it can use."
# custom:
#   id: azure.cosmosdb.entra_auth_only
#   severity: medium
#   resource_types: ["microsoft.documentdb/databaseaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["4.5.3"]
#     pci-dss-4.0: ["8.2.2", "7.2.1"]
#     hipaa: ["164.312(d)", "164.312(a)(1)"]
#     nist-800-53-r5: ["IA-2", "AC-3"]
#   remediation:
#     text: "Assign Cosmos DB data-plane RBAC roles to the applications, then set disableLocalAuth to true."
#     cli: "az resource update --ids <account id> --set properties.disableLocalAuth=true"
package parapet.rules.azure.cosmosdb.entra_auth_only

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"disableLocalAuth": value}) if {
	value := object.get(azure.props(input.resource), "disableLocalAuth", false)
	value != true
	msg := sprintf("Cosmos DB account %s accepts account keys: disableLocalAuth is %s", [input.resource.name, azure.text(value)])
}
