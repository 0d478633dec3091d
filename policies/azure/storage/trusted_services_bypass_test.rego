package parapet.rules.azure.storage.trusted_services_bypass_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.trusted_services_bypass as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_none := fx.rin(sa({"networkAcls": {"defaultAction": "Deny", "bypass": "None"}}), {})

fail_logging_only := fx.rin(sa({"networkAcls": {"defaultAction": "Deny", "bypass": "Logging, Metrics"}}), {})

pass_azure_services := fx.rin(sa({"networkAcls": {"defaultAction": "Deny", "bypass": "Logging, Metrics, AzureServices"}}), {})

test_none_fails if count(rule.deny) == 1 with input as fail_none

test_other_bypasses_fail if count(rule.deny) == 1 with input as fail_logging_only

test_azure_services_passes if count(rule.deny) == 0 with input as pass_azure_services

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "stprodpayments")
	contains(f.msg, "None")
}
