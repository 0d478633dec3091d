package parapet.rules.azure.postgresql.log_checkpoints_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.postgresql.log_checkpoints as rule

server(type, name, p) := fx.res(type, name, {"sku": {"name": "GP_Standard_D2ds_v4", "tier": "GeneralPurpose"}, "properties": p})

params(srv, values) := fx.child(srv, "configurations", "parapet.azure/serverconfigurations", {"value": [{"name": k, "properties": {"value": v, "source": "user-override"}} | some k, v in values]})

single := server("microsoft.dbforpostgresql/servers", "db-a-single", {"version": "11", "sslEnforcement": "Enabled"})

flexible := server("microsoft.dbforpostgresql/flexibleservers", "db-a-flex", {"version": "16", "state": "Ready"})

fail_single := fx.rin(single, {"parapet.azure/serverconfigurations": [params(single, {"log_checkpoints": "off"})]})

fail_flexible := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"log_checkpoints": "off"})]})

fail_not_collected := fx.rin(flexible, {"parapet.azure/serverconfigurations": []})

fail_unset := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"other_parameter": "on"})]})

pass_single := fx.rin(single, {"parapet.azure/serverconfigurations": [params(single, {"log_checkpoints": "on"})]})

pass_flexible := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"log_checkpoints": "ON"})]})

test_single_server_fails if count(rule.deny) == 1 with input as fail_single

test_flexible_server_fails if count(rule.deny) == 1 with input as fail_flexible

test_parameters_not_collected_fail if count(rule.deny) == 1 with input as fail_not_collected

test_unset_parameter_fails if count(rule.deny) == 1 with input as fail_unset

test_single_server_passes if count(rule.deny) == 0 with input as pass_single

test_flexible_server_passes if count(rule.deny) == 0 with input as pass_flexible

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_flexible
	contains(f.msg, "db-a-flex")
	contains(f.msg, "log_checkpoints")
	contains(f.msg, "off")
}
