package parapet.rules.azure.postgresql.infrastructure_double_encryption_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.postgresql.infrastructure_double_encryption as rule

server(type, name, p) := fx.res(type, name, {"sku": {"name": "GP_Standard_D2ds_v4", "tier": "GeneralPurpose"}, "properties": p})

params(srv, values) := fx.child(srv, "configurations", "parapet.azure/serverconfigurations", {"value": [{"name": k, "properties": {"value": v, "source": "user-override"}} | some k, v in values]})

fail_disabled := fx.rin(server("microsoft.dbforpostgresql/servers", "pg-legacy", {"version": "11", "infrastructureEncryption": "Disabled"}), {})

pass_enabled := fx.rin(server("microsoft.dbforpostgresql/servers", "pg-legacy", {"version": "11", "infrastructureEncryption": "Enabled"}), {})

test_disabled_fails if count(rule.deny) == 1 with input as fail_disabled

test_enabled_passes if count(rule.deny) == 0 with input as pass_enabled

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_disabled
	contains(f.msg, "pg-legacy")
	contains(f.msg, "Disabled")
}
