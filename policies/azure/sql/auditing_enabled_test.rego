package parapet.rules.azure.sql.auditing_enabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.sql.auditing_enabled as rule

sql(p) := fx.res("microsoft.sql/servers", "sql-payments-prod", {"kind": "v12.0", "properties": object.union({"version": "12.0", "fullyQualifiedDomainName": "sql-payments-prod.database.windows.net", "publicNetworkAccess": "Enabled"}, p)})

audit(server, p) := fx.child(server, "auditingsettings/default", "parapet.azure/sqlserverauditingpolicy", {"name": "default", "properties": p})

fail_disabled := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": [audit(sql({}), {"state": "Disabled", "retentionDays": 0})]})

fail_not_collected := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": []})

pass_enabled := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": [audit(sql({}), {"state": "Enabled", "isAzureMonitorTargetEnabled": true, "retentionDays": 0})]})

test_disabled_fails if count(rule.deny) == 1 with input as fail_disabled

test_missing_policy_fails if count(rule.deny) == 1 with input as fail_not_collected

test_enabled_passes if count(rule.deny) == 0 with input as pass_enabled

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_disabled
	contains(f.msg, "sql-payments-prod")
	contains(f.msg, "Disabled")
}
