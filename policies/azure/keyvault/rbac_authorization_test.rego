package parapet.rules.azure.keyvault.rbac_authorization_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.keyvault.rbac_authorization as rule

kv(p) := fx.res("microsoft.keyvault/vaults", "kv-payments", {"properties": object.union({"tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "sku": {"family": "A", "name": "standard"}, "vaultUri": "https://kv-payments.vault.azure.net/"}, p)})

rbac := kv({"enableRbacAuthorization": true})

policies := kv({"enableRbacAuthorization": false, "accessPolicies": []})

item(vault, kind, name, attributes, extra) := fx.child(vault, concat("/", [kind, name]), concat("", ["parapet.azure/keyvault", trim_suffix(kind, "s")]), {"name": name, "properties": object.union({"attributes": attributes}, extra)})

fail_access_policies := fx.rin(policies, {})

pass_rbac := fx.rin(rbac, {})

test_access_policies_fail if count(rule.deny) == 1 with input as fail_access_policies

test_rbac_passes if count(rule.deny) == 0 with input as pass_rbac

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_access_policies
	contains(f.msg, "kv-payments")
	contains(f.msg, "false")
}
