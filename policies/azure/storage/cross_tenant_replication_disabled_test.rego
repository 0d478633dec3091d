package parapet.rules.azure.storage.cross_tenant_replication_disabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.cross_tenant_replication_disabled as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_enabled := fx.rin(sa({"allowCrossTenantReplication": true, "creationTime": "2024-05-01T08:00:00Z"}), {})

fail_unset_old_account := fx.rin(sa({"creationTime": "2021-06-01T08:00:00Z"}), {})

pass_disabled := fx.rin(sa({"allowCrossTenantReplication": false, "creationTime": "2021-06-01T08:00:00Z"}), {})

pass_unset_new_account := fx.rin(sa({"creationTime": "2024-02-01T08:00:00Z"}), {})

test_enabled_fails if count(rule.deny) == 1 with input as fail_enabled

test_unset_on_old_account_fails if count(rule.deny) == 1 with input as fail_unset_old_account

test_disabled_passes if count(rule.deny) == 0 with input as pass_disabled

test_unset_on_new_account_passes if count(rule.deny) == 0 with input as pass_unset_new_account

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_enabled
	contains(f.msg, "stprodpayments")
	contains(f.msg, "true")
}
