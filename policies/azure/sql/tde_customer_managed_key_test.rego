package parapet.rules.azure.sql.tde_customer_managed_key_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.sql.tde_customer_managed_key as rule

sql(p) := fx.res("microsoft.sql/servers", "sql-payments-prod", {"kind": "v12.0", "properties": object.union({"version": "12.0", "fullyQualifiedDomainName": "sql-payments-prod.database.windows.net", "publicNetworkAccess": "Enabled"}, p)})

protector(kind, key_type) := fx.child(sql({}), "encryptionprotector/current", "parapet.azure/sqlserverencryptionprotector", {"name": "current", "kind": kind, "properties": {"serverKeyType": key_type, "serverKeyName": "ServiceManaged"}})

fail_service_managed := fx.rin(sql({}), {"parapet.azure/sqlserverencryptionprotector": [protector("servicemanaged", "ServiceManaged")]})

pass_cmk := fx.rin(sql({}), {"parapet.azure/sqlserverencryptionprotector": [protector("azurekeyvault", "AzureKeyVault")]})

test_service_managed_fails if count(rule.deny) == 1 with input as fail_service_managed

test_customer_managed_passes if count(rule.deny) == 0 with input as pass_cmk

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_service_managed
	contains(f.msg, "sql-payments-prod")
	contains(f.msg, "ServiceManaged")
}
