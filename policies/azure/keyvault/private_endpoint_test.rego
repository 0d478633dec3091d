package parapet.rules.azure.keyvault.private_endpoint_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.keyvault.private_endpoint as rule

kv(p) := fx.res("microsoft.keyvault/vaults", "kv-payments", {"properties": object.union({"tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "sku": {"family": "A", "name": "standard"}, "vaultUri": "https://kv-payments.vault.azure.net/"}, p)})

rbac := kv({"enableRbacAuthorization": true})

policies := kv({"enableRbacAuthorization": false, "accessPolicies": []})

item(vault, kind, name, attributes, extra) := fx.child(vault, concat("/", [kind, name]), concat("", ["parapet.azure/keyvault", trim_suffix(kind, "s")]), {"name": name, "properties": object.union({"attributes": attributes}, extra)})

pe(status) := {"id": "pe1", "properties": {"privateEndpoint": {"id": "/subscriptions/x/resourcegroups/rg-net/providers/microsoft.network/privateendpoints/pe-kv"}, "privateLinkServiceConnectionState": {"status": status, "actionsRequired": "None"}}}

fail_none := fx.rin(kv({}), {})

fail_pending := fx.rin(kv({"privateEndpointConnections": [pe("Pending")]}), {})

pass_approved := fx.rin(kv({"privateEndpointConnections": [pe("Approved")]}), {})

test_none_fails if count(rule.deny) == 1 with input as fail_none

test_pending_fails if count(rule.deny) == 1 with input as fail_pending

test_approved_passes if count(rule.deny) == 0 with input as pass_approved

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "kv-payments")
	contains(f.msg, "0 approved")
}
