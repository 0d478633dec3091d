package parapet.rules.azure.storage.access_keys_rotated_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.access_keys_rotated as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

# 2025-06-01T00:00:00Z
now := 1748736000000000000

fail_old_key1 := fx.rin(sa({"keyCreationTime": {"key1": "2025-03-02T23:59:59.0000000Z", "key2": "2025-05-20T08:00:00.0000000Z"}}), {})

pass_exactly_90_days := fx.rin(sa({"keyCreationTime": {"key1": "2025-03-03T00:00:00.0000000Z", "key2": "2025-05-20T08:00:00.0000000Z"}}), {})

pass_never_regenerated_unknown := fx.rin(sa({"keyCreationTime": {"key1": null, "key2": null}}), {})

pass_shared_key_disabled := fx.rin(sa({"allowSharedKeyAccess": false, "keyCreationTime": {"key1": "2021-03-04T10:00:00Z"}}), {})

test_key_older_than_90_days_fails if count(rule.deny) == 1 with input as fail_old_key1 with time.now_ns as now

test_exactly_90_days_passes if count(rule.deny) == 0 with input as pass_exactly_90_days with time.now_ns as now

test_unknown_creation_time_passes if count(rule.deny) == 0 with input as pass_never_regenerated_unknown with time.now_ns as now

test_shared_key_disabled_passes if count(rule.deny) == 0 with input as pass_shared_key_disabled with time.now_ns as now

test_finding_names_key_and_age if {
	some f in rule.deny with input as fail_old_key1 with time.now_ns as now
	f.resource == sa({}).id
	contains(f.msg, "stprodpayments: access key key1 was created 2025-03-02T23:59:59.0000000Z, 90 days ago")
}
