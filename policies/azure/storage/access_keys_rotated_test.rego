package parapet.rules.azure.storage.access_keys_rotated_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.access_keys_rotated as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

ago(days) := sprintf("%04d-%02d-%02dT00:00:00Z", time.date(time.now_ns() - ((days * 24) * 3600000000000)))

fail_old_key1 := fx.rin(sa({"keyCreationTime": {"key1": "2021-03-04T10:00:00.0000000Z", "key2": ago(10)}}), {})

pass_recent := fx.rin(sa({"keyCreationTime": {"key1": ago(89), "key2": ago(1)}}), {})

pass_shared_key_disabled := fx.rin(sa({"allowSharedKeyAccess": false, "keyCreationTime": {"key1": "2021-03-04T10:00:00Z"}}), {})

test_old_key_fails if count(rule.deny) == 1 with input as fail_old_key1

test_recent_keys_pass if count(rule.deny) == 0 with input as pass_recent

test_shared_key_disabled_passes if count(rule.deny) == 0 with input as pass_shared_key_disabled

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_old_key1
	contains(f.msg, "stprodpayments")
	contains(f.msg, "key1")
	contains(f.msg, "2021-03-04")
}
