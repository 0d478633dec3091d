package parapet.rules.azure.postgresql.azure_services_access_disabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.postgresql.azure_services_access_disabled as rule

server(type, name, p) := fx.res(type, name, {"sku": {"name": "GP_Standard_D2ds_v4", "tier": "GeneralPurpose"}, "properties": p})

params(srv, values) := fx.child(srv, "configurations", "parapet.azure/serverconfigurations", {"value": [{"name": k, "properties": {"value": v, "source": "user-override"}} | some k, v in values]})

fwrule(server, name, start, end) := fx.child(server, concat("/", ["firewallrules", name]), "parapet.azure/firewallrule", {"name": name, "properties": {"startIpAddress": start, "endIpAddress": end}})

flexible := server("microsoft.dbforpostgresql/flexibleservers", "pg-orders", {"version": "16"})

fail_azure_services := fx.rin(flexible, {"parapet.azure/firewallrule": [fwrule(flexible, "AllowAllAzureServicesAndResourcesWithinAzureIps_2024-1-1", "0.0.0.0", "0.0.0.0")]})

fail_any_ip := fx.rin(flexible, {"parapet.azure/firewallrule": [fwrule(flexible, "all", "0.0.0.0", "255.255.255.255")]})

pass_specific := fx.rin(flexible, {"parapet.azure/firewallrule": [fwrule(flexible, "office", "203.0.113.10", "203.0.113.10")]})

test_azure_services_fails if count(rule.deny) == 1 with input as fail_azure_services

test_any_ip_fails if count(rule.deny) == 1 with input as fail_any_ip

test_specific_rule_passes if count(rule.deny) == 0 with input as pass_specific

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_azure_services
	contains(f.msg, "pg-orders")
	contains(f.msg, "AllowAllAzureServices")
	contains(f.msg, "0.0.0.0-0.0.0.0")
}
