# METADATA
# title: "MySQL server audit log records connection events"
# description: "Including CONNECTION in audit_log_events records every login and logout, including failed ones, in the audit log."
# custom:
#   id: azure.mysql.audit_log_connection_events
#   severity: medium
#   resource_types: ["microsoft.dbformysql/servers", "microsoft.dbformysql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.4.4"]
#     pci-dss-4.0: ["10.2.1", "10.2.1.4"]
#     hipaa: ["164.312(b)", "164.308(a)(5)(ii)(C)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Set audit_log_events to include CONNECTION."
#     cli: "az mysql flexible-server parameter set --resource-group <rg> --server-name <server> --name audit_log_events --value CONNECTION,ADMIN,DDL"
package parapet.rules.azure.mysql.audit_log_connection_events

import data.parapet.lib
import data.parapet.lib.azure

# The parameter's name on single servers and on flexible servers.
parameter := {"microsoft.dbformysql/servers": "audit_log_events", "microsoft.dbformysql/flexibleservers": "audit_log_events"}[input.resource.type]

facts := object.get(input, ["facts", "parapet.azure/serverconfigurations"], [])

deny contains lib.finding(input.resource, msg, {"parameter": parameter, "value": null}) if {
	not azure.configurations_collected(facts, input.resource.id)
	msg := sprintf("MySQL server %s: server parameters were not collected, %s cannot be confirmed", [input.resource.name, parameter])
}

deny contains lib.finding(input.resource, msg, {"parameter": parameter, "value": value}) if {
	azure.configurations_collected(facts, input.resource.id)
	value := object.get(azure.server_parameters(facts, input.resource.id), parameter, "<unset>")
	not compliant(lower(value))
	msg := sprintf("MySQL server %s has %s = %s (must include CONNECTION)", [input.resource.name, parameter, value])
}

compliant(value) if {
	"connection" in {trim_space(e) | some e in split(value, ",")}
}
