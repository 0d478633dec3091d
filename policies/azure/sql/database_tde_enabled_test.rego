package parapet.rules.azure.sql.database_tde_enabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.sql.database_tde_enabled as rule

db(name) := object.union(fx.res("microsoft.sql/servers/databases", name, {"kind": "v12.0,user", "sku": {"name": "GP_Gen5", "tier": "GeneralPurpose"}, "properties": {"status": "Online"}}), {"id": concat("/", [fx.res("microsoft.sql/servers", "sql-payments-prod", {}).id, "databases", name])})

tde(database, state) := fx.child(database, "transparentdataencryption/current", "parapet.azure/sqldatabasetde", {"name": "current", "properties": {"state": state}})

fail_disabled := fx.rin(db("orders"), {"parapet.azure/sqldatabasetde": [tde(db("orders"), "Disabled")]})

fail_not_collected := fx.rin(db("orders"), {"parapet.azure/sqldatabasetde": []})

pass_enabled := fx.rin(db("orders"), {"parapet.azure/sqldatabasetde": [tde(db("orders"), "Enabled")]})

pass_master := fx.rin(db("master"), {"parapet.azure/sqldatabasetde": []})

test_disabled_fails if count(rule.deny) == 1 with input as fail_disabled

test_missing_state_fails if count(rule.deny) == 1 with input as fail_not_collected

test_enabled_passes if count(rule.deny) == 0 with input as pass_enabled

test_master_is_exempt if count(rule.deny) == 0 with input as pass_master

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_disabled
	contains(f.msg, "orders")
	contains(f.msg, "Disabled")
}
