package parapet.rules.azure.mysql.tls_version_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.mysql.tls_version as rule

server(type, name, p) := fx.res(type, name, {"sku": {"name": "GP_Standard_D2ds_v4", "tier": "GeneralPurpose"}, "properties": p})

params(srv, values) := fx.child(srv, "configurations", "parapet.azure/serverconfigurations", {"value": [{"name": k, "properties": {"value": v, "source": "user-override"}} | some k, v in values]})

flexible := server("microsoft.dbformysql/flexibleservers", "mysql-shop", {"version": "8.0.21"})

with_tls(value) := fx.rin(flexible, {"parapet.azure/serverconfigurations": [params(flexible, {"tls_version": value})]})

fail_mixed := with_tls("TLSv1.1,TLSv1.2")

fail_tls1 := with_tls("TLSv1")

fail_not_collected := fx.rin(flexible, {"parapet.azure/serverconfigurations": []})

fail_single := fx.rin(server("microsoft.dbformysql/servers", "mysql-legacy", {"minimalTlsVersion": "TLS1_0"}), {})

pass_exactly_12 := with_tls("TLSv1.2")

pass_12_and_13 := with_tls("TLSv1.2,TLSv1.3")

pass_single := fx.rin(server("microsoft.dbformysql/servers", "mysql-legacy", {"minimalTlsVersion": "TLS1_2"}), {})

test_mixed_with_11_fails if count(rule.deny) == 1 with input as fail_mixed

test_tls1_fails if count(rule.deny) == 1 with input as fail_tls1

test_not_collected_fails if count(rule.deny) == 1 with input as fail_not_collected

test_single_tls10_fails if count(rule.deny) == 1 with input as fail_single

test_exactly_tls12_passes if count(rule.deny) == 0 with input as pass_exactly_12

test_tls12_and_13_pass if count(rule.deny) == 0 with input as pass_12_and_13

test_single_tls12_passes if count(rule.deny) == 0 with input as pass_single

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_mixed
	contains(f.msg, "mysql-shop")
	contains(f.msg, "TLSv1.1,TLSv1.2")
}
