# METADATA
# title: "PostgreSQL server logs checkpoints"
# description: "With log_checkpoints on, the server logs each checkpoint and restartpoint, which helps detect performance problems and abnormal activity."
# custom:
#   id: azure.postgresql.log_checkpoints
#   severity: medium
#   resource_types: ["microsoft.dbforpostgresql/servers", "microsoft.dbforpostgresql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.3.2"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Set the server parameter log_checkpoints to ON."
#     cli: "az postgres flexible-server parameter set --resource-group <rg> --server-name <server> --name log_checkpoints --value on"
package parapet.rules.azure.postgresql.log_checkpoints

import data.parapet.lib
import data.parapet.lib.azure

# The parameter's name on single servers and on flexible servers.
parameter := {"microsoft.dbforpostgresql/servers": "log_checkpoints", "microsoft.dbforpostgresql/flexibleservers": "log_checkpoints"}[input.resource.type]

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
