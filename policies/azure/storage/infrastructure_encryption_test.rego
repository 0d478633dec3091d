package parapet.rules.azure.storage.infrastructure_encryption_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.infrastructure_encryption as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_single_layer := fx.rin(sa({"encryption": {"keySource": "Microsoft.Storage", "services": {"blob": {"enabled": true}}}}), {})

pass_double := fx.rin(sa({"encryption": {"keySource": "Microsoft.Storage", "requireInfrastructureEncryption": true}}), {})

test_single_layer_fails if count(rule.deny) == 1 with input as fail_single_layer

test_double_passes if count(rule.deny) == 0 with input as pass_double

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_single_layer
	contains(f.msg, "stprodpayments")
	contains(f.msg, "null")
}
