package parapet.rules.azure.monitor.activity_log_storage_cmk_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.monitor.activity_log_storage_cmk as rule

sa(source) := fx.res("microsoft.storage/storageaccounts", "stactivitylogs", {"kind": "StorageV2", "properties": {"encryption": {"keySource": source}}})

setting(account) := object.union(fx.diag(fx.sub_id, "activity-archive", fx.logs(["Administrative"])), {"config": {"properties": {"storageAccountId": account.id}}})

fail_platform_key := fx.ain({"parapet.azure/diagnosticsetting": [setting(sa("Microsoft.Storage"))], "microsoft.storage/storageaccounts": [sa("Microsoft.Storage")]})

pass_cmk := fx.ain({"parapet.azure/diagnosticsetting": [setting(sa("Microsoft.Keyvault"))], "microsoft.storage/storageaccounts": [sa("Microsoft.Keyvault")]})

pass_workspace_only := fx.ain({"parapet.azure/diagnosticsetting": [fx.diag(fx.sub_id, "to-law", fx.logs(["Administrative"]))], "microsoft.storage/storageaccounts": [sa("Microsoft.Storage")]})

test_platform_key_fails if count(rule.deny) == 1 with input as fail_platform_key

test_cmk_passes if count(rule.deny) == 0 with input as pass_cmk

test_workspace_destination_passes if count(rule.deny) == 0 with input as pass_workspace_only

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_platform_key
	contains(f.msg, "stactivitylogs")
	contains(f.msg, "Microsoft.Storage")
}
