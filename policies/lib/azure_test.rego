# Tests of the Azure helpers, and the fixture builders the Azure rule tests share:
# Resource Graph rows and Parapet Azure facts in the inventory's resource shape.
package parapet.lib.azure_test

import data.parapet.lib.azure

sub := "00000000-0000-0000-0000-0000000000a1"

sub_id := concat("", ["/subscriptions/", sub])

# res is a Resource Graph row of `type` in resource group rg-prod.
res(type, name, config) := {
	"id": sprintf("/subscriptions/%s/resourcegroups/rg-prod/providers/%s/%s", [sub, type, name]),
	"provider": "azure",
	"type": type,
	"account": sub,
	"region": "eastus",
	"name": name,
	"tags": {},
	"config": object.union({"name": name, "type": type, "location": "eastus"}, config),
}

# sub_res is a subscription-level row (Defender pricings, assessments, settings).
sub_res(type, name, config) := {
	"id": sprintf("/subscriptions/%s/providers/%s/%s", [sub, type, name]),
	"provider": "azure",
	"type": type,
	"account": sub,
	"region": "global",
	"name": name,
	"tags": {},
	"config": object.union({"name": name, "type": type}, config),
}

# child is a fact that belongs to `parent` (its ARM id lies under the parent's).
child(parent, suffix, type, config) := {
	"id": concat("/", [parent.id, suffix]),
	"provider": "azure",
	"type": type,
	"account": sub,
	"region": parent.region,
	"name": suffix,
	"tags": {},
	"config": config,
}

law_id := sprintf("/subscriptions/%s/resourcegroups/rg-logs/providers/microsoft.operationalinsights/workspaces/law-central", [sub])

# diag is a parapet.azure/diagnosticsetting on target_id sending `logs` to Log Analytics.
diag(target_id, name, logs) := {
	"id": sprintf("%s/providers/microsoft.insights/diagnosticsettings/%s", [target_id, name]),
	"provider": "azure",
	"type": "parapet.azure/diagnosticsetting",
	"account": sub,
	"region": "global",
	"name": name,
	"tags": {},
	"config": {"name": name, "properties": {"workspaceId": law_id, "logs": logs, "metrics": []}},
}

logs(categories) := [{"category": c, "enabled": true} | some c in categories]

rin(resource, facts) := {"resource": resource, "facts": facts}

ain(resources) := {"account": {"provider": "azure", "id": sub}, "resources": resources}

nsg_rule(name, p) := {"name": name, "properties": object.union(
	{"access": "Allow", "direction": "Inbound", "protocol": "Tcp", "priority": 100, "sourcePortRange": "*", "destinationAddressPrefix": "*"},
	p,
)}

test_port_ranges if {
	azure.port_range_contains("*", 22)
	azure.port_range_contains("22", 22)
	azure.port_range_contains("20-30", 22)
	azure.port_range_contains("22-22", 22)
	not azure.port_range_contains("23-30", 22)
	not azure.port_range_contains("3389", 22)
	not azure.port_range_contains("", 22)
}

test_children_match_by_id_prefix if {
	parent := res("microsoft.sql/servers", "sql1", {})
	other := res("microsoft.sql/servers", "sql10", {})
	mine := child(parent, "firewallrules", "parapet.azure/firewallrules", {"value": [{"name": "a"}]})
	theirs := child(other, "firewallrules", "parapet.azure/firewallrules", {"value": [{"name": "b"}]})
	azure.children([mine, theirs], parent.id) == [mine]
	azure.child_values([mine, theirs], upper(parent.id)) == [{"name": "a"}]
}

test_input_children_of_the_judged_resource if {
	vault := res("microsoft.keyvault/vaults", "kv1", {})
	other := res("microsoft.keyvault/vaults", "kv10", {})
	key := child(vault, "keys/k1", "parapet.azure/keyvaultkey", {})
	secret := child(vault, "secrets/s1", "parapet.azure/keyvaultsecret", {})
	facts := {
		"parapet.azure/keyvaultkey": [child(other, "keys/k2", "parapet.azure/keyvaultkey", {}), key],
		"parapet.azure/keyvaultsecret": [secret],
	}
	azure.input_keyvault_keys == [key] with input as {"resource": vault, "facts": facts}
	azure.input_keyvault_secrets == [secret] with input as {"resource": vault, "facts": facts}
	azure.input_site_web_configs == [] with input as {"resource": vault, "facts": facts}
	azure.input_sql_auditing_policies == [] with input as {"resource": vault, "facts": facts}
}

test_diagnostic_settings_match_the_exact_target if {
	sa := res("microsoft.storage/storageaccounts", "sa1", {})
	on_account := diag(sa.id, "d1", logs(["StorageRead"]))
	on_blob := diag(concat("", [sa.id, "/blobservices/default"]), "d2", logs(["StorageRead"]))
	azure.diagnostic_settings([on_account, on_blob], sa.id) == [on_account]
}

test_input_diagnostic_settings_match_the_exact_target_in_input_order if {
	sa := res("microsoft.storage/storageaccounts", "sa1", {})
	blob_id := concat("", [sa.id, "/blobservices/default"])
	on_blob_upper := object.union(diag(blob_id, "d1", logs(["StorageRead"])), {"id": upper(diag(blob_id, "d1", []).id)})
	on_account := diag(sa.id, "d2", logs(["StorageRead"]))
	on_blob := diag(blob_id, "d3", logs(["StorageWrite"]))
	not_a_setting := child(sa, "blobservices/default", "parapet.azure/diagnosticsetting", {})
	facts := {"parapet.azure/diagnosticsetting": [on_blob_upper, on_account, not_a_setting, on_blob]}
	azure.input_diagnostic_settings(upper(blob_id)) == [on_blob_upper, on_blob] with input as {"resource": sa, "facts": facts}
	azure.input_diagnostic_settings(sa.id) == [on_account] with input as {"resource": sa, "facts": facts}
	azure.input_diagnostic_settings(sa.id) == [] with input as {"resource": sa, "facts": {}}
}

test_input_diagnostic_settings_of_a_target_outside_the_resource if {
	sa := res("microsoft.storage/storageaccounts", "sa1", {})
	other := res("microsoft.storage/storageaccounts", "sa2", {})
	on_other := diag(other.id, "d1", logs(["StorageRead"]))
	on_sub := diag(sub_id, "d2", logs(["StorageRead"]))
	on_sa := diag(sa.id, "d3", [])
	facts := {"parapet.azure/diagnosticsetting": [on_other, on_sub, on_sa]}
	azure.input_diagnostic_settings(other.id) == [on_other] with input as {"resource": sa, "facts": facts}
	azure.input_diagnostic_settings(sub_id) == [on_sub] with input as {"resource": sa, "facts": facts}
	azure.input_diagnostic_settings(sa.id) == [on_sa] with input as {"resource": {}, "facts": facts}
}

test_log_groups_cover_categories if {
	all := diag(sub_id, "d", [{"categoryGroup": "allLogs", "enabled": true}])
	audit := diag(sub_id, "d", [{"categoryGroup": "audit", "enabled": true}])
	azure.log_enabled(all, "StorageRead")
	azure.log_enabled(audit, "AuditEvent")
	not azure.log_enabled(audit, "StorageRead")
}

test_a_setting_without_destination_logs_nothing if {
	d := diag(sub_id, "d", logs(["Administrative"]))
	no_dest := object.union(d, {"config": {"properties": {"workspaceId": ""}}})
	not azure.log_enabled(no_dest, "Administrative")
	storage := object.union(no_dest, {"config": {"properties": {"storageAccountId": "/subscriptions/x/sa"}}})
	azure.log_enabled(storage, "Administrative")
	hub := object.union(no_dest, {"config": {"properties": {"eventHubAuthorizationRuleId": "/subscriptions/x/eh"}}})
	azure.log_enabled(hub, "Administrative")
}

test_rule_name_falls_back if {
	azure.rule_name({"name": "r"}) == "r"
	azure.rule_name({"id": "/x"}) == "/x"
	azure.rule_name({}) == "<unnamed rule>"
}
