# METADATA
# title: "PostgreSQL server logs disconnections"
# description: "With log_disconnections on, the end of each session is logged with its duration, completing the connection record."
# custom:
#   id: azure.postgresql.log_disconnections
#   severity: medium
#   resource_types: ["microsoft.dbforpostgresql/servers", "microsoft.dbforpostgresql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.3.4"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Set the server parameter log_disconnections to ON."
#     cli: "az postgres flexible-server parameter set --resource-group <rg> --server-name <server> --name log_disconnections --value on"
package parapet.rules.azure.postgresql.log_disconnections

import data.parapet.lib
import data.parapet.lib.azure

# The parameter's name on single servers and on flexible servers.
parameter := {"microsoft.dbforpostgresql/servers": "log_disconnections", "microsoft.dbforpostgresql/flexibleservers": "log_disconnections"}[input.resource.type]

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
