# METADATA
# title: "Network Watcher is enabled in every region with virtual networks"
# description: "Network Watcher provides flow logs, packet capture and connection troubleshooting; a region with virtual networks but no watcher has no network visibility."
# custom:
#   id: azure.network.network_watcher_enabled
#   severity: medium
#   resource_types: ["microsoft.network/networkwatchers", "microsoft.network/virtualnetworks"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["6.6"]
#     pci-dss-4.0: ["10.2.1", "11.5.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["SI-4", "AU-12"]
#   remediation:
#     text: "Enable Network Watcher in each region that hosts virtual networks."
#     cli: "az network watcher configure --resource-group NetworkWatcherRG --locations <region> --enabled true"
package parapet.rules.azure.network.network_watcher_enabled

import data.parapet.lib
import data.parapet.lib.azure

watched_regions contains lower(w.config.location) if {
	some w in object.get(input, ["resources", "microsoft.network/networkwatchers"], [])
	lower(object.get(azure.props(w), "provisioningState", "Succeeded")) == "succeeded"
}

deny contains lib.finding(vnet, msg, {"location": region}) if {
	some vnet in object.get(input, ["resources", "microsoft.network/virtualnetworks"], [])
	region := lower(vnet.config.location)
	not region in watched_regions
	msg := sprintf("virtual network %s is in region %s, which has no Network Watcher", [vnet.name, region])
}
