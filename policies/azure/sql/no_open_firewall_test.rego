package parapet.rules.azure.sql.no_open_firewall_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.sql.no_open_firewall as rule

sql(p) := fx.res("microsoft.sql/servers", "sql-payments-prod", {"kind": "v12.0", "properties": object.union({"version": "12.0", "fullyQualifiedDomainName": "sql-payments-prod.database.windows.net", "publicNetworkAccess": "Enabled"}, p)})

fwrule(server, name, start, end) := fx.child(server, concat("/", ["firewallrules", name]), "parapet.azure/firewallrule", {"name": name, "properties": {"startIpAddress": start, "endIpAddress": end}})

fail_any_ip := fx.rin(sql({}), {"parapet.azure/firewallrule": [fwrule(sql({}), "open", "0.0.0.0", "255.255.255.255")]})

fail_azure_services := fx.rin(sql({}), {"parapet.azure/firewallrule": [fwrule(sql({}), "AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0")]})

pass_office_range := fx.rin(sql({}), {"parapet.azure/firewallrule": [fwrule(sql({}), "office", "203.0.113.0", "203.0.113.255")]})

pass_private_only := fx.rin(sql({"publicNetworkAccess": "Disabled"}), {"parapet.azure/firewallrule": [fwrule(sql({}), "open", "0.0.0.0", "255.255.255.255")]})

test_any_ip_fails if count(rule.deny) == 1 with input as fail_any_ip

test_azure_services_fails if count(rule.deny) == 1 with input as fail_azure_services

test_narrow_range_passes if count(rule.deny) == 0 with input as pass_office_range

test_public_access_disabled_passes if count(rule.deny) == 0 with input as pass_private_only

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_any_ip
	contains(f.msg, "sql-payments-prod")
	contains(f.msg, "open")
	contains(f.msg, "0.0.0.0-255.255.255.255")
}
