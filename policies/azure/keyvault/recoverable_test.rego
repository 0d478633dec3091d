package parapet.rules.azure.keyvault.recoverable_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.keyvault.recoverable as rule

kv(p) := fx.res("microsoft.keyvault/vaults", "kv-payments", {"properties": object.union({"tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "sku": {"family": "A", "name": "standard"}, "vaultUri": "https://kv-payments.vault.azure.net/"}, p)})

rbac := kv({"enableRbacAuthorization": true})

policies := kv({"enableRbacAuthorization": false, "accessPolicies": []})

item(vault, kind, name, attributes, extra) := fx.child(vault, concat("/", [kind, name]), concat("", ["parapet.azure/keyvault", trim_suffix(kind, "s")]), {"name": name, "properties": object.union({"attributes": attributes}, extra)})

fail_no_purge_protection := fx.rin(kv({"enableSoftDelete": true, "softDeleteRetentionInDays": 90}), {})

fail_legacy := fx.rin(kv({"enableSoftDelete": false, "enablePurgeProtection": true}), {})

pass_recoverable := fx.rin(kv({"enableSoftDelete": true, "softDeleteRetentionInDays": 90, "enablePurgeProtection": true}), {})

test_purge_protection_off_fails if count(rule.deny) == 1 with input as fail_no_purge_protection

test_soft_delete_off_fails if count(rule.deny) == 1 with input as fail_legacy

test_recoverable_passes if count(rule.deny) == 0 with input as pass_recoverable

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_no_purge_protection
	contains(f.msg, "kv-payments")
	contains(f.msg, "enablePurgeProtection false")
}
