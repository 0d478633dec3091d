package parapet.rules.azure.storage.blob_soft_delete_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.blob_soft_delete as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

blob(p) := fx.child(sa({}), "blobservices/default", "parapet.azure/storageblobservice", {"name": "default", "properties": p})

fail_not_collected := fx.rin(sa({}), {"parapet.azure/storageblobservice": []})

fail_container_off := fx.rin(sa({}), {"parapet.azure/storageblobservice": [blob({"deleteRetentionPolicy": {"enabled": true, "days": 7}, "containerDeleteRetentionPolicy": {"enabled": false}})]})

fail_both_absent := fx.rin(sa({}), {"parapet.azure/storageblobservice": [blob({})]})

pass_both_on := fx.rin(sa({}), {"parapet.azure/storageblobservice": [blob({"deleteRetentionPolicy": {"enabled": true, "days": 14}, "containerDeleteRetentionPolicy": {"enabled": true, "days": 7}})]})

pass_file_storage := fx.rin(object.union(sa({}), {"config": {"kind": "FileStorage"}}), {"parapet.azure/storageblobservice": []})

test_not_collected_fails if count(rule.deny) == 1 with input as fail_not_collected

test_container_soft_delete_off_fails if count(rule.deny) == 1 with input as fail_container_off

test_both_absent_fail_twice if count(rule.deny) == 2 with input as fail_both_absent

test_both_on_passes if count(rule.deny) == 0 with input as pass_both_on

test_file_storage_passes if count(rule.deny) == 0 with input as pass_file_storage

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_container_off
	contains(f.msg, "stprodpayments")
	contains(f.msg, "containerDeleteRetentionPolicy")
}
