package parapet.rules.azure.sql.entra_admin_configured_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.sql.entra_admin_configured as rule

sql(p) := fx.res("microsoft.sql/servers", "sql-payments-prod", {"kind": "v12.0", "properties": object.union({"version": "12.0", "fullyQualifiedDomainName": "sql-payments-prod.database.windows.net", "publicNetworkAccess": "Enabled"}, p)})

fail_sql_logins_only := fx.rin(sql({"administratorLogin": "sqladmin"}), {})

pass_entra_admin := fx.rin(sql({"administrators": {"administratorType": "ActiveDirectory", "principalType": "Group", "login": "sql-admins", "sid": "6f1c1e0e-2f1c-4a3e-9b1d-3e4f5a6b7c8d", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "azureADOnlyAuthentication": false}}), {})

test_sql_logins_only_fails if count(rule.deny) == 1 with input as fail_sql_logins_only

test_entra_admin_passes if count(rule.deny) == 0 with input as pass_entra_admin

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_sql_logins_only
	contains(f.msg, "sql-payments-prod")
	contains(f.msg, "none")
}
