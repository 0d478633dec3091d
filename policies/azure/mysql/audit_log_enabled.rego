# METADATA
# title: "MySQL server audit log is on"
# description: "With audit_log_enabled ON the server records connections, queries and administrative events in its audit log."
# custom:
#   id: azure.mysql.audit_log_enabled
#   severity: high
#   resource_types: ["microsoft.dbformysql/servers", "microsoft.dbformysql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.4.3"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Set the server parameter audit_log_enabled to ON."
#     cli: "az mysql flexible-server parameter set --resource-group <rg> --server-name <server> --name audit_log_enabled --value ON"
package parapet.rules.azure.mysql.audit_log_enabled

import data.parapet.lib
import data.parapet.lib.azure

# The parameter's name on single servers and on flexible servers.
parameter := {"microsoft.dbformysql/servers": "audit_log_enabled", "microsoft.dbformysql/flexibleservers": "audit_log_enabled"}[input.resource.type]

facts := object.get(input, ["facts", "parapet.azure/serverconfigurations"], [])

deny contains lib.finding(input.resource, msg, {"parameter": parameter, "value": null}) if {
	not azure.configurations_collected(facts, input.resource.id)
	msg := sprintf("MySQL server %s: server parameters were not collected, %s cannot be confirmed", [input.resource.name, parameter])
}

deny contains lib.finding(input.resource, msg, {"parameter": parameter, "value": value}) if {
	azure.configurations_collected(facts, input.resource.id)
	value := object.get(azure.server_parameters(facts, input.resource.id), parameter, "<unset>")
	not compliant(lower(value))
	msg := sprintf("MySQL server %s has %s = %s (must be ON)", [input.resource.name, parameter, value])
}

compliant(value) if {
	value == "on"
}
