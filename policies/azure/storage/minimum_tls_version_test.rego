package parapet.rules.azure.storage.minimum_tls_version_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.minimum_tls_version as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

fail_tls10 := fx.rin(sa({"minimumTlsVersion": "TLS1_0"}), {})

fail_tls11 := fx.rin(sa({"minimumTlsVersion": "TLS1_1"}), {})

fail_absent := fx.rin(sa({}), {})

pass_tls12 := fx.rin(sa({"minimumTlsVersion": "TLS1_2"}), {})

pass_tls13 := fx.rin(sa({"minimumTlsVersion": "TLS1_3"}), {})

test_tls10_fails if count(rule.deny) == 1 with input as fail_tls10

test_tls11_fails if count(rule.deny) == 1 with input as fail_tls11

test_absent_fails if count(rule.deny) == 1 with input as fail_absent

test_exactly_tls12_passes if count(rule.deny) == 0 with input as pass_tls12

test_tls13_passes if count(rule.deny) == 0 with input as pass_tls13

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_tls11
	contains(f.msg, "stprodpayments")
	contains(f.msg, "TLS1_1")
}
