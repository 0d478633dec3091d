package parapet.rules.azure.keyvault.rbac_secret_expiry_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.keyvault.rbac_secret_expiry as rule

kv(p) := fx.res("microsoft.keyvault/vaults", "kv-payments", {"properties": object.union({"tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "sku": {"family": "A", "name": "standard"}, "vaultUri": "https://kv-payments.vault.azure.net/"}, p)})

rbac := kv({"enableRbacAuthorization": true})

policies := kv({"enableRbacAuthorization": false, "accessPolicies": []})

item(vault, kind, name, attributes, extra) := fx.child(vault, concat("/", [kind, name]), concat("", ["parapet.azure/keyvault", trim_suffix(kind, "s")]), {"name": name, "properties": object.union({"attributes": attributes}, extra)})

vault := rbac

other_mode := policies

fail_no_expiry := fx.rin(vault, {"parapet.azure/keyvaultsecret": [item(vault, "secrets", "payments-secret", {"enabled": true, "created": 1700000000}, {}), item(vault, "secrets", "dated", {"enabled": true, "exp": 1767225600}, {})]})

pass_expiry := fx.rin(vault, {"parapet.azure/keyvaultsecret": [item(vault, "secrets", "payments-secret", {"enabled": true, "exp": 1767225600}, {})]})

pass_disabled_item := fx.rin(vault, {"parapet.azure/keyvaultsecret": [item(vault, "secrets", "retired", {"enabled": false}, {})]})

pass_other_mode := fx.rin(other_mode, {"parapet.azure/keyvaultsecret": [item(other_mode, "secrets", "payments-secret", {"enabled": true}, {})]})

pass_empty_vault := fx.rin(vault, {"parapet.azure/keyvaultsecret": []})

test_missing_expiry_fails if count(rule.deny) == 1 with input as fail_no_expiry

test_expiry_passes if count(rule.deny) == 0 with input as pass_expiry

test_disabled_item_passes if count(rule.deny) == 0 with input as pass_disabled_item

test_other_permission_model_is_not_judged_here if count(rule.deny) == 0 with input as pass_other_mode

test_empty_vault_passes if count(rule.deny) == 0 with input as pass_empty_vault

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_no_expiry
	contains(f.msg, "kv-payments")
	contains(f.msg, "payments-secret")
}
