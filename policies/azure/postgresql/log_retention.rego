# METADATA
# title: "PostgreSQL server keeps logs more than 3 days"
# description: "Server logs kept only 3 days or less are gone before most incidents are noticed; a longer retention keeps them available for investigation."
# custom:
#   id: azure.postgresql.log_retention
#   severity: medium
#   resource_types: ["microsoft.dbforpostgresql/servers", "microsoft.dbforpostgresql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.3.6"]
#     pci-dss-4.0: ["10.5.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-11"]
#   remediation:
#     text: "Set log_retention_days (single server) or logfiles.retention_days (flexible server) to 4-7 days, and export logs for longer retention."
#     cli: "az postgres flexible-server parameter set --resource-group <rg> --server-name <server> --name logfiles.retention_days --value 7"
package parapet.rules.azure.postgresql.log_retention

import data.parapet.lib
import data.parapet.lib.azure

# The parameter's name on single servers and on flexible servers.
parameter := {"microsoft.dbforpostgresql/servers": "log_retention_days", "microsoft.dbforpostgresql/flexibleservers": "logfiles.retention_days"}[input.resource.type]

facts := object.get(input, ["facts", "parapet.azure/serverconfigurations"], [])

deny contains lib.finding(input.resource, msg, {"parameter": parameter, "value": null}) if {
	not azure.configurations_collected(facts, input.resource.id)
	msg := sprintf("PostgreSQL server %s: server parameters were not collected, %s cannot be confirmed", [input.resource.name, parameter])
}

deny contains lib.finding(input.resource, msg, {"parameter": parameter, "value": value}) if {
	azure.configurations_collected(facts, input.resource.id)
	value := object.get(azure.server_parameters(facts, input.resource.id), parameter, "<unset>")
	not compliant(lower(value))
	msg := sprintf("PostgreSQL server %s has %s = %s (must be more than 3 days)", [input.resource.name, parameter, value])
}

compliant(value) if {
	to_number(value) > 3
}
