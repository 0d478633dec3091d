package parapet.rules.azure.postgresql.ssl_enforced_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.postgresql.ssl_enforced as rule

server(type, name, p) := fx.res(type, name, {"sku": {"name": "GP_Standard_D2ds_v4", "tier": "GeneralPurpose"}, "properties": p})

params(srv, values) := fx.child(srv, "configurations", "parapet.azure/serverconfigurations", {"value": [{"name": k, "properties": {"value": v, "source": "user-override"}} | some k, v in values]})

single(ssl) := server("microsoft.dbforpostgresql/servers", "db-h-single", {"version": "11", "sslEnforcement": ssl})

flexible := server("microsoft.dbforpostgresql/flexibleservers", "db-h-flex", {"version": "16", "state": "Ready"})

fail_single := fx.rin(single("Disabled"), {})

fail_flexible := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"require_secure_transport": "OFF"})]})

fail_flexible_not_collected := fx.rin(flexible, {"parapet.azure/serverconfigurations": []})

pass_single := fx.rin(single("Enabled"), {})

pass_flexible := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"require_secure_transport": "on"})]})

test_single_disabled_fails if count(rule.deny) == 1 with input as fail_single

test_flexible_off_fails if count(rule.deny) == 1 with input as fail_flexible

test_flexible_not_collected_fails if count(rule.deny) == 1 with input as fail_flexible_not_collected

test_single_enabled_passes if count(rule.deny) == 0 with input as pass_single

test_flexible_on_passes if count(rule.deny) == 0 with input as pass_flexible

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_flexible
	contains(f.msg, "db-h-flex")
	contains(f.msg, "OFF")
}
