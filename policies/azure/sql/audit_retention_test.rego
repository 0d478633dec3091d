package parapet.rules.azure.sql.audit_retention_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.sql.audit_retention as rule

sql(p) := fx.res("microsoft.sql/servers", "sql-payments-prod", {"kind": "v12.0", "properties": object.union({"version": "12.0", "fullyQualifiedDomainName": "sql-payments-prod.database.windows.net", "publicNetworkAccess": "Enabled"}, p)})

audit(p) := fx.child(sql({}), "auditingsettings/default", "parapet.azure/sqlserverauditingpolicy", {"name": "default", "properties": p})

storage := "https://stauditlogs.blob.core.windows.net/"

fail_30_days := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": [audit({"state": "Enabled", "storageEndpoint": storage, "retentionDays": 30})]})

fail_89_days := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": [audit({"state": "Enabled", "storageEndpoint": storage, "retentionDays": 89})]})

fail_auditing_off := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": [audit({"state": "Disabled", "retentionDays": 0})]})

pass_exactly_90 := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": [audit({"state": "Enabled", "storageEndpoint": storage, "retentionDays": 90})]})

pass_unlimited := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": [audit({"state": "Enabled", "storageEndpoint": storage, "retentionDays": 0})]})

pass_log_analytics := fx.rin(sql({}), {"parapet.azure/sqlserverauditingpolicy": [audit({"state": "Enabled", "storageEndpoint": "", "isAzureMonitorTargetEnabled": true, "retentionDays": 7})]})

test_30_days_fails if count(rule.deny) == 1 with input as fail_30_days

test_89_days_fails if count(rule.deny) == 1 with input as fail_89_days

test_auditing_off_fails if count(rule.deny) == 1 with input as fail_auditing_off

test_exactly_90_days_passes if count(rule.deny) == 0 with input as pass_exactly_90

test_unlimited_passes if count(rule.deny) == 0 with input as pass_unlimited

test_log_analytics_destination_passes if count(rule.deny) == 0 with input as pass_log_analytics

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_30_days
	contains(f.msg, "sql-payments-prod")
	contains(f.msg, "30 days")
}
