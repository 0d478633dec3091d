package parapet.rules.azure.storage.queue_logging_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.queue_logging as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

svc := concat("/", [sa({}).id, "queueservices", "default"])

fail_no_settings := fx.rin(sa({}), {"parapet.azure/diagnosticsetting": []})

fail_read_only := fx.rin(sa({}), {"parapet.azure/diagnosticsetting": [fx.diag(svc, "reads", fx.logs(["StorageRead"]))]})

pass_all_categories := fx.rin(sa({}), {"parapet.azure/diagnosticsetting": [fx.diag(svc, "all", fx.logs(["StorageRead", "StorageWrite", "StorageDelete"]))]})

pass_all_logs_group := fx.rin(sa({}), {"parapet.azure/diagnosticsetting": [fx.diag(svc, "all", [{"categoryGroup": "allLogs", "enabled": true}])]})

fail_setting_on_account_not_service := fx.rin(sa({}), {"parapet.azure/diagnosticsetting": [fx.diag(sa({}).id, "acct", [{"categoryGroup": "allLogs", "enabled": true}])]})

pass_kind_without_service := fx.rin(object.union(sa({}), {"config": {"kind": "BlobStorage"}}), {})

test_no_settings_fails if count(rule.deny) == 1 with input as fail_no_settings

test_partial_categories_fail if count(rule.deny) == 1 with input as fail_read_only

test_setting_on_account_level_fails if count(rule.deny) == 1 with input as fail_setting_on_account_not_service

test_all_categories_pass if count(rule.deny) == 0 with input as pass_all_categories

test_all_logs_group_passes if count(rule.deny) == 0 with input as pass_all_logs_group

test_kind_without_service_passes if count(rule.deny) == 0 with input as pass_kind_without_service

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_read_only
	contains(f.msg, "stprodpayments")
	contains(f.msg, "StorageWrite")
}
