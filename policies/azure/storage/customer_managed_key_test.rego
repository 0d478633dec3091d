package parapet.rules.azure.storage.customer_managed_key_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.customer_managed_key as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_platform_key := fx.rin(sa({"encryption": {"keySource": "Microsoft.Storage"}}), {})

pass_cmk := fx.rin(sa({"encryption": {"keySource": "Microsoft.Keyvault", "keyvaultproperties": {"keyname": "cmk", "keyvaulturi": "https://kv-prod.vault.azure.net/"}}}), {})

test_platform_key_fails if count(rule.deny) == 1 with input as fail_platform_key

test_cmk_passes if count(rule.deny) == 0 with input as pass_cmk

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_platform_key
	contains(f.msg, "stprodpayments")
	contains(f.msg, "Microsoft.Storage")
}
