package parapet.rules.azure.storage.default_network_deny_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.default_network_deny as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_allow := fx.rin(sa({"networkAcls": {"defaultAction": "Allow", "bypass": "AzureServices", "ipRules": [], "virtualNetworkRules": []}}), {})

pass_deny := fx.rin(sa({"networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices", "ipRules": [{"value": "203.0.113.0/24", "action": "Allow"}]}}), {})

pass_public_access_disabled := fx.rin(sa({"publicNetworkAccess": "Disabled", "networkAcls": {"defaultAction": "Allow"}}), {})

test_allow_fails if count(rule.deny) == 1 with input as fail_allow

test_deny_passes if count(rule.deny) == 0 with input as pass_deny

test_no_public_endpoint_passes if count(rule.deny) == 0 with input as pass_public_access_disabled

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_allow
	contains(f.msg, "stprodpayments")
	contains(f.msg, "Allow")
}
