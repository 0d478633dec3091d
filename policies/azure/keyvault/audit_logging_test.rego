package parapet.rules.azure.keyvault.audit_logging_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.keyvault.audit_logging as rule

kv := fx.res("microsoft.keyvault/vaults", "kv-payments", {"properties": {"tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "sku": {"family": "A", "name": "standard"}}})

fail_none := fx.rin(kv, {"parapet.azure/diagnosticsetting": []})

fail_metrics_only := fx.rin(kv, {"parapet.azure/diagnosticsetting": [fx.diag(kv.id, "metrics", [])]})

pass_audit_event := fx.rin(kv, {"parapet.azure/diagnosticsetting": [fx.diag(kv.id, "audit", fx.logs(["AuditEvent"]))]})

pass_audit_group := fx.rin(kv, {"parapet.azure/diagnosticsetting": [fx.diag(kv.id, "audit", [{"categoryGroup": "audit", "enabled": true}])]})

test_no_setting_fails if count(rule.deny) == 1 with input as fail_none

test_metrics_only_fails if count(rule.deny) == 1 with input as fail_metrics_only

test_audit_event_passes if count(rule.deny) == 0 with input as pass_audit_event

test_audit_group_passes if count(rule.deny) == 0 with input as pass_audit_group

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_metrics_only
	contains(f.msg, "kv-payments")
	contains(f.msg, "1 diagnostic settings")
}
