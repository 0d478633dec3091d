package parapet.rules.azure.network.flow_log_retention_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.network.flow_log_retention as rule

flow(p) := fx.res("microsoft.network/networkwatchers/flowlogs", "fl-nsg-web-prod", {"properties": object.union({"enabled": true, "targetResourceId": "/subscriptions/x/resourcegroups/rg-prod/providers/microsoft.network/networksecuritygroups/nsg-web-prod", "storageId": "/subscriptions/x/resourcegroups/rg-logs/providers/microsoft.storage/storageaccounts/stflowlogs", "format": {"type": "JSON", "version": 2}}, p)})

fail_short := fx.rin(flow({"retentionPolicy": {"days": 30, "enabled": true}}), {})

fail_one_short := fx.rin(flow({"retentionPolicy": {"days": 89, "enabled": true}}), {})

fail_policy_off := fx.rin(flow({"retentionPolicy": {"days": 365, "enabled": false}}), {})

fail_flow_log_disabled := fx.rin(flow({"enabled": false, "retentionPolicy": {"days": 365, "enabled": true}}), {})

pass_exactly_90 := fx.rin(flow({"retentionPolicy": {"days": 90, "enabled": true}}), {})

pass_forever := fx.rin(flow({"retentionPolicy": {"days": 0, "enabled": true}}), {})

test_30_days_fails if count(rule.deny) == 1 with input as fail_short

test_89_days_fails if count(rule.deny) == 1 with input as fail_one_short

test_policy_off_fails if count(rule.deny) == 1 with input as fail_policy_off

test_disabled_flow_log_fails if count(rule.deny) == 1 with input as fail_flow_log_disabled

test_exactly_90_days_passes if count(rule.deny) == 0 with input as pass_exactly_90

test_forever_passes if count(rule.deny) == 0 with input as pass_forever

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_short
	contains(f.msg, "fl-nsg-web-prod")
	contains(f.msg, "30")
}
