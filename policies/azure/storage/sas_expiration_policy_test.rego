package parapet.rules.azure.storage.sas_expiration_policy_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.sas_expiration_policy as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_no_policy := fx.rin(sa({}), {})

fail_one_day := fx.rin(sa({"sasPolicy": {"sasExpirationPeriod": "1.00:00:00", "expirationAction": "Log"}}), {})

fail_one_hour_one_minute := fx.rin(sa({"sasPolicy": {"sasExpirationPeriod": "0.01:01:00", "expirationAction": "Block"}}), {})

pass_no_day_part := fx.rin(sa({"sasPolicy": {"sasExpirationPeriod": "00:30:00", "expirationAction": "Log"}}), {})

pass_one_hour := fx.rin(sa({"sasPolicy": {"sasExpirationPeriod": "0.01:00:00", "expirationAction": "Block"}}), {})

test_no_policy_fails if count(rule.deny) == 1 with input as fail_no_policy

test_one_day_fails if count(rule.deny) == 1 with input as fail_one_day

test_just_over_an_hour_fails if count(rule.deny) == 1 with input as fail_one_hour_one_minute

test_period_without_days_passes if count(rule.deny) == 0 with input as pass_no_day_part

test_one_hour_passes if count(rule.deny) == 0 with input as pass_one_hour

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_one_day
	contains(f.msg, "stprodpayments")
	contains(f.msg, "1.00:00:00")
}
