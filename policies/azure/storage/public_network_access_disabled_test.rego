package parapet.rules.azure.storage.public_network_access_disabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.public_network_access_disabled as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_enabled := fx.rin(sa({"publicNetworkAccess": "Enabled"}), {})

fail_absent := fx.rin(sa({}), {})

pass_disabled := fx.rin(sa({"publicNetworkAccess": "Disabled"}), {})

test_enabled_fails if count(rule.deny) == 1 with input as fail_enabled

test_absent_means_enabled if count(rule.deny) == 1 with input as fail_absent

test_disabled_passes if count(rule.deny) == 0 with input as pass_disabled

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_enabled
	contains(f.msg, "stprodpayments")
	contains(f.msg, "Enabled")
}
