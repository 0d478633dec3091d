package parapet.rules.azure.storage.blob_anonymous_access_disabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.blob_anonymous_access_disabled as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_allowed := fx.rin(sa({"allowBlobPublicAccess": true, "creationTime": "2024-05-01T08:00:00Z"}), {})

fail_unset_old_account := fx.rin(sa({"creationTime": "2020-01-10T08:00:00Z"}), {})

pass_disallowed := fx.rin(sa({"allowBlobPublicAccess": false, "creationTime": "2020-01-10T08:00:00Z"}), {})

pass_unset_new_account := fx.rin(sa({"creationTime": "2024-03-01T08:00:00Z"}), {})

test_allowed_fails if count(rule.deny) == 1 with input as fail_allowed

test_unset_on_old_account_fails if count(rule.deny) == 1 with input as fail_unset_old_account

test_disallowed_passes if count(rule.deny) == 0 with input as pass_disallowed

test_unset_on_new_account_passes if count(rule.deny) == 0 with input as pass_unset_new_account

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_allowed
	contains(f.msg, "stprodpayments")
	contains(f.msg, "true")
}
