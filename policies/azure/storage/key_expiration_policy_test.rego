package parapet.rules.azure.storage.key_expiration_policy_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.key_expiration_policy as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_no_policy := fx.rin(sa({}), {})

fail_too_long := fx.rin(sa({"keyPolicy": {"keyExpirationPeriodInDays": 365}}), {})

pass_at_threshold := fx.rin(sa({"keyPolicy": {"keyExpirationPeriodInDays": 90}}), {})

test_no_policy_fails if count(rule.deny) == 1 with input as fail_no_policy

test_long_period_fails if count(rule.deny) == 1 with input as fail_too_long

test_90_days_passes if count(rule.deny) == 0 with input as pass_at_threshold

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_too_long
	contains(f.msg, "stprodpayments")
	contains(f.msg, "365")
}
