# METADATA
# title: "An Activity Log alert fires on deleting a SQL server firewall rule"
# description: "An enabled Activity Log alert on Microsoft.Sql/servers/firewallRules/delete at subscription scope notifies responders of deleting a SQL server firewall rule, a change that can weaken the security posture or hide an attack."
# custom:
#   id: azure.monitor.alert_delete_sql_firewall_rule
#   severity: medium
#   resource_types: ["microsoft.insights/activitylogalerts"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["5.2.8"]
#     pci-dss-4.0: ["10.4.1", "11.5.2"]
#     hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"]
#     nist-800-53-r5: ["CM-3", "SI-4", "SC-7"]
#   remediation:
#     text: "Create an Activity Log alert for operation Microsoft.Sql/servers/firewallRules/delete scoped to the subscription, with an action group."
#     cli: "az monitor activity-log alert create --name <name> --resource-group <rg> --scope /subscriptions/<id> --condition category=Administrative and operationName=Microsoft.Sql/servers/firewallRules/delete --action-group <action group id>"
package parapet.rules.azure.monitor.alert_delete_sql_firewall_rule

import data.parapet.lib
import data.parapet.lib.azure

operation := "microsoft.sql/servers/firewallrules/delete"

deny contains lib.finding(azure.subscription_id(input.account), msg, {"operationName": "Microsoft.Sql/servers/firewallRules/delete"}) if {
	not azure.activity_alert_exists(input, operation)
	msg := sprintf("subscription %s has no enabled Activity Log alert for Microsoft.Sql/servers/firewallRules/delete", [input.account.id])
}
