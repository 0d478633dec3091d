package parapet.rules.azure.network.flow_logs_traffic_analytics_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.network.flow_logs_traffic_analytics as rule

nsg(rules) := fx.res("microsoft.network/networksecuritygroups", "nsg-web-prod", {"properties": {"securityRules": rules, "defaultSecurityRules": []}})

flow(target, analytics) := fx.res("microsoft.network/networkwatchers/flowlogs", "fl-web", {"properties": {
	"enabled": true,
	"targetResourceId": target,
	"retentionPolicy": {"days": 90, "enabled": true},
	"flowAnalyticsConfiguration": {"networkWatcherFlowAnalyticsConfiguration": analytics},
}})

ta_on := {"enabled": true, "workspaceResourceId": fx.law_id, "trafficAnalyticsInterval": 10}

fail_no_flow_log := fx.rin(nsg([]), {"microsoft.network/networkwatchers/flowlogs": []})

fail_storage_only := fx.rin(nsg([]), {"microsoft.network/networkwatchers/flowlogs": [flow(nsg([]).id, {"enabled": false})]})

fail_other_nsg := fx.rin(nsg([]), {"microsoft.network/networkwatchers/flowlogs": [flow("/subscriptions/x/resourcegroups/rg/providers/microsoft.network/networksecuritygroups/other", ta_on)]})

pass_traffic_analytics := fx.rin(nsg([]), {"microsoft.network/networkwatchers/flowlogs": [flow(upper(nsg([]).id), ta_on)]})

test_no_flow_log_fails if count(rule.deny) == 1 with input as fail_no_flow_log

test_storage_only_fails if count(rule.deny) == 1 with input as fail_storage_only

test_other_nsgs_flow_log_fails if count(rule.deny) == 1 with input as fail_other_nsg

test_traffic_analytics_passes if count(rule.deny) == 0 with input as pass_traffic_analytics

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_storage_only
	contains(f.msg, "nsg-web-prod")
	contains(f.msg, "1 flow logs")
}
