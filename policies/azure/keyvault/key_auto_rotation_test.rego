package parapet.rules.azure.keyvault.key_auto_rotation_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.keyvault.key_auto_rotation as rule

kv(p) := fx.res("microsoft.keyvault/vaults", "kv-payments", {"properties": object.union({"tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "sku": {"family": "A", "name": "standard"}, "vaultUri": "https://kv-payments.vault.azure.net/"}, p)})

rbac := kv({"enableRbacAuthorization": true})

policies := kv({"enableRbacAuthorization": false, "accessPolicies": []})

item(vault, kind, name, attributes, extra) := fx.child(vault, concat("/", [kind, name]), concat("", ["parapet.azure/keyvault", trim_suffix(kind, "s")]), {"name": name, "properties": object.union({"attributes": attributes}, extra)})

rotation(type) := {"rotationPolicy": {"attributes": {"expiryTime": "P2Y"}, "lifetimeActions": [{"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": type}}]}}

fail_notify_only := fx.rin(rbac, {"parapet.azure/keyvaultkey": [item(rbac, "keys", "cmk-storage", {"enabled": true}, rotation("Notify"))]})

fail_no_policy := fx.rin(rbac, {"parapet.azure/keyvaultkey": [item(rbac, "keys", "cmk-sql", {"enabled": true}, {})]})

pass_rotate := fx.rin(rbac, {"parapet.azure/keyvaultkey": [item(rbac, "keys", "cmk-storage", {"enabled": true}, rotation("rotate"))]})

pass_disabled_key := fx.rin(rbac, {"parapet.azure/keyvaultkey": [item(rbac, "keys", "old", {"enabled": false}, {})]})

test_notify_only_fails if count(rule.deny) == 1 with input as fail_notify_only

test_no_policy_fails if count(rule.deny) == 1 with input as fail_no_policy

test_rotate_action_passes if count(rule.deny) == 0 with input as pass_rotate

test_disabled_key_passes if count(rule.deny) == 0 with input as pass_disabled_key

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_no_policy
	contains(f.msg, "kv-payments")
	contains(f.msg, "cmk-sql")
}
