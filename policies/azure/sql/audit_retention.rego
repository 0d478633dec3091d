# METADATA
# title: "SQL server audit logs in storage are kept at least 90 days"
# description: "Audit records sent to a storage account are deleted after retentionDays; keeping them 90 days or more (0 = forever) preserves the trail for late investigations. Retention of a Log Analytics destination is set on the workspace."
# custom:
#   id: azure.sql.audit_retention
#   severity: medium
#   resource_types: ["microsoft.sql/servers"]
#   scope: resource
#   facts: ["parapet.azure/sqlserverauditingpolicy"]
#   frameworks:
#     cis-azure-2.1.0: ["4.1.6"]
#     pci-dss-4.0: ["10.5.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-11"]
#   remediation:
#     text: "Set the audit retention of the storage destination to 90 days or more (or 0 for unlimited)."
#     cli: "az sql server audit-policy update --resource-group <rg> --name <server> --state Enabled --bsts Enabled --storage-account <account> --retention-days 90"
package parapet.rules.azure.sql.audit_retention

import data.parapet.lib
import data.parapet.lib.azure

min_days := 90

deny contains lib.finding(input.resource, msg, {"state": object.get(p, "state", "Disabled")}) if {
	count(enabled) == 0
	some policy in azure.input_sql_auditing_policies
	p := policy.config.properties
	msg := sprintf("SQL server %s keeps no audit logs: auditing state is %s", [input.resource.name, object.get(p, "state", "Disabled")])
}

enabled := [p |
	some policy in azure.input_sql_auditing_policies
	p := policy.config.properties
	p.state == "Enabled"
]

deny contains lib.finding(input.resource, msg, {"retentionDays": days, "storageEndpoint": p.storageEndpoint}) if {
	some p in enabled
	object.get(p, "storageEndpoint", "") != ""
	days := object.get(p, "retentionDays", 0)
	days > 0
	days < min_days
	msg := sprintf("SQL server %s keeps audit logs in storage for %d days (less than %d)", [input.resource.name, days, min_days])
}
