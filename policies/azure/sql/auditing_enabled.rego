# METADATA
# title: "SQL server auditing is on"
# description: "Server-level auditing records database events (logins, queries, permission changes) for every database on the server, the trail an investigation of data access needs."
# custom:
#   id: azure.sql.auditing_enabled
#   severity: high
#   resource_types: ["microsoft.sql/servers"]
#   scope: resource
#   facts: ["parapet.azure/sqlserverauditingpolicy"]
#   frameworks:
#     cis-azure-2.1.0: ["4.1.1"]
#     pci-dss-4.0: ["10.2.1", "10.2.1.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-12"]
#   remediation:
#     text: "Turn on auditing for the server, sending to a Log Analytics workspace, storage account or Event Hub."
#     cli: "az sql server audit-policy update --resource-group <rg> --name <server> --state Enabled --lats Enabled --lawri <workspace id>"
package parapet.rules.azure.sql.auditing_enabled

import data.parapet.lib
import data.parapet.lib.azure

policies := azure.input_sql_auditing_policies

states := [object.get(p, ["config", "properties", "state"], "Disabled") | some p in policies]

deny contains lib.finding(input.resource, msg, {"auditingState": states}) if {
	not "Enabled" in states
	msg := concat("", ["SQL server ", lib.fmt_s(input.resource.name), " does not audit: auditing state is ", azure.text(states)])
}
