# METADATA
# title: "PostgreSQL server throttles failed connections"
# description: "Connection throttling slows down clients with too many failed logins, blunting password guessing and connection floods."
# custom:
#   id: azure.postgresql.connection_throttling
#   severity: medium
#   resource_types: ["microsoft.dbforpostgresql/servers", "microsoft.dbforpostgresql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.3.5"]
#     pci-dss-4.0: ["8.3.4"]
#     hipaa: ["164.308(a)(5)(ii)(C)"]
#     nist-800-53-r5: ["AC-7", "SC-5"]
#   remediation:
#     text: "Set connection_throttling (single server) or connection_throttle.enable (flexible server) to ON."
#     cli: "az postgres flexible-server parameter set --resource-group <rg> --server-name <server> --name connection_throttle.enable --value on"
package parapet.rules.azure.postgresql.connection_throttling

import data.parapet.lib
import data.parapet.lib.azure

# The parameter's name on single servers and on flexible servers.
parameter := {"microsoft.dbforpostgresql/servers": "connection_throttling", "microsoft.dbforpostgresql/flexibleservers": "connection_throttle.enable"}[input.resource.type]

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
