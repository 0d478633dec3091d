package parapet.rules.azure.postgresql.connection_throttling_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.postgresql.connection_throttling as rule

server(type, name, p) := fx.res(type, name, {"sku": {"name": "GP_Standard_D2ds_v4", "tier": "GeneralPurpose"}, "properties": p})

params(srv, values) := fx.child(srv, "configurations", "parapet.azure/serverconfigurations", {"value": [{"name": k, "properties": {"value": v, "source": "user-override"}} | some k, v in values]})

single := server("microsoft.dbforpostgresql/servers", "db-d-single", {"version": "11", "sslEnforcement": "Enabled"})

flexible := server("microsoft.dbforpostgresql/flexibleservers", "db-d-flex", {"version": "16", "state": "Ready"})

fail_single := fx.rin(single, {"parapet.azure/serverconfigurations": [params(single, {"connection_throttling": "off"})]})

fail_flexible := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"connection_throttle.enable": "off"})]})

fail_not_collected := fx.rin(flexible, {"parapet.azure/serverconfigurations": []})

fail_unset := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"other_parameter": "on"})]})

pass_single := fx.rin(single, {"parapet.azure/serverconfigurations": [params(single, {"connection_throttling": "on"})]})

pass_flexible := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"connection_throttle.enable": "ON"})]})

test_single_server_fails if count(rule.deny) == 1 with input as fail_single

test_flexible_server_fails if count(rule.deny) == 1 with input as fail_flexible

test_parameters_not_collected_fail if count(rule.deny) == 1 with input as fail_not_collected

test_unset_parameter_fails if count(rule.deny) == 1 with input as fail_unset

test_single_server_passes if count(rule.deny) == 0 with input as pass_single

test_flexible_server_passes if count(rule.deny) == 0 with input as pass_flexible

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_flexible
	contains(f.msg, "db-d-flex")
	contains(f.msg, "connection_throttle.enable")
	contains(f.msg, "off")
}
