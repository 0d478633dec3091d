# METADATA
# title: "PostgreSQL server logs connections"
# description: "With log_connections on, every connection attempt and successful authentication is logged, the record needed to spot brute force and unauthorized access."
# custom:
#   id: azure.postgresql.log_connections
#   severity: medium
#   resource_types: ["microsoft.dbforpostgresql/servers", "microsoft.dbforpostgresql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.3.3"]
#     pci-dss-4.0: ["10.2.1", "10.2.1.4", "10.2.2"]
#     hipaa: ["164.312(b)", "164.308(a)(5)(ii)(C)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Set the server parameter log_connections to ON."
#     cli: "az postgres flexible-server parameter set --resource-group <rg> --server-name <server> --name log_connections --value on"
package parapet.rules.azure.postgresql.log_connections

import data.parapet.lib
import data.parapet.lib.azure

# The parameter's name on single servers and on flexible servers.
parameter := {"microsoft.dbforpostgresql/servers": "log_connections", "microsoft.dbforpostgresql/flexibleservers": "log_connections"}[input.resource.type]

facts := object.get(input, ["facts", "parapet.azure/serverconfigurations"], [])

deny contains lib.finding(input.resource, msg, {"parameter": parameter, "value": null}) if {
	not azure.configurations_collected(facts, input.resource.id)
	msg := sprintf("PostgreSQL server %s: server parameters were not collected, %s cannot be confirmed", [input.resource.name, parameter])
}

deny contains lib.finding(input.resource, msg, {"parameter": parameter, "value": value}) if {
	azure.configurations_collected(facts, input.resource.id)
	value := object.get(azure.server_parameters(facts, input.resource.id), parameter, "<unset>")
	not compliant(lower(value))
	msg := sprintf("PostgreSQL server %s has %s = %s (must be on)", [input.resource.name, parameter, value])
}

compliant(value) if {
	value == "on"
}
