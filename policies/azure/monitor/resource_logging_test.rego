package parapet.rules.azure.monitor.resource_logging_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.monitor.resource_logging as rule

agw := fx.res("microsoft.network/applicationgateways", "agw-edge", {"properties": {"sku": {"name": "WAF_v2", "tier": "WAF_v2"}}})

fail_none := fx.rin(agw, {"parapet.azure/diagnosticsetting": []})

fail_metrics_only := fx.rin(agw, {"parapet.azure/diagnosticsetting": [object.union(fx.diag(agw.id, "metrics", []), {"config": {"properties": {"metrics": [{"category": "AllMetrics", "enabled": true}]}}})]})

fail_disabled_logs := fx.rin(agw, {"parapet.azure/diagnosticsetting": [fx.diag(agw.id, "off", [{"category": "ApplicationGatewayAccessLog", "enabled": false}])]})

pass_all_logs := fx.rin(agw, {"parapet.azure/diagnosticsetting": [fx.diag(agw.id, "to-law", [{"categoryGroup": "allLogs", "enabled": true}])]})

pass_one_category := fx.rin(agw, {"parapet.azure/diagnosticsetting": [fx.diag(agw.id, "firewall", fx.logs(["ApplicationGatewayFirewallLog"]))]})

test_no_setting_fails if count(rule.deny) == 1 with input as fail_none

test_metrics_only_fails if count(rule.deny) == 1 with input as fail_metrics_only

test_disabled_logs_fail if count(rule.deny) == 1 with input as fail_disabled_logs

test_all_logs_passes if count(rule.deny) == 0 with input as pass_all_logs

test_one_category_passes if count(rule.deny) == 0 with input as pass_one_category

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_metrics_only
	contains(f.msg, "microsoft.network/applicationgateways")
	contains(f.msg, "agw-edge")
	contains(f.msg, "1 diagnostic settings")
}
