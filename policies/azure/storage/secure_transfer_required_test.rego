package parapet.rules.azure.storage.secure_transfer_required_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.secure_transfer_required as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_http_allowed := fx.rin(sa({"supportsHttpsTrafficOnly": false}), {})

fail_setting_absent := fx.rin(sa({}), {})

pass_https_only := fx.rin(sa({"supportsHttpsTrafficOnly": true}), {})

test_http_allowed_fails if count(rule.deny) == 1 with input as fail_http_allowed

test_absent_setting_fails if count(rule.deny) == 1 with input as fail_setting_absent

test_https_only_passes if count(rule.deny) == 0 with input as pass_https_only

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_http_allowed
	contains(f.msg, "stprodpayments")
	contains(f.msg, "false")
}
