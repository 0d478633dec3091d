package parapet.rules.azure.network.network_watcher_enabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.network.network_watcher_enabled as rule

vnet(name, region) := object.union(fx.res("microsoft.network/virtualnetworks", name, {"location": region, "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}), {"region": region})

watcher(region, state) := fx.res("microsoft.network/networkwatchers", concat("_", ["NetworkWatcher", region]), {"location": region, "properties": {"provisioningState": state}})

fail_missing_region := fx.ain({
	"microsoft.network/virtualnetworks": [vnet("vnet-hub", "eastus"), vnet("vnet-dr", "westeurope")],
	"microsoft.network/networkwatchers": [watcher("eastus", "Succeeded")],
})

fail_watcher_failed := fx.ain({
	"microsoft.network/virtualnetworks": [vnet("vnet-hub", "eastus")],
	"microsoft.network/networkwatchers": [watcher("eastus", "Failed")],
})

pass_all_regions := fx.ain({
	"microsoft.network/virtualnetworks": [vnet("vnet-hub", "eastus"), vnet("vnet-dr", "westeurope")],
	"microsoft.network/networkwatchers": [watcher("eastus", "Succeeded"), watcher("westeurope", "Succeeded")],
})

pass_no_vnets := fx.ain({"microsoft.network/virtualnetworks": [], "microsoft.network/networkwatchers": []})

test_region_without_watcher_fails if count(rule.deny) == 1 with input as fail_missing_region

test_failed_watcher_fails if count(rule.deny) == 1 with input as fail_watcher_failed

test_all_regions_pass if count(rule.deny) == 0 with input as pass_all_regions

test_no_vnets_pass if count(rule.deny) == 0 with input as pass_no_vnets

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_missing_region
	contains(f.msg, "vnet-dr")
	contains(f.msg, "westeurope")
}
