# METADATA
# title: "NSG flow logs are sent to Log Analytics"
# description: "Flow logs processed by Traffic Analytics land in a Log Analytics workspace, where traffic to and from the network security group can be queried and alerted on."
# custom:
#   id: azure.network.flow_logs_traffic_analytics
#   severity: medium
#   resource_types: ["microsoft.network/networksecuritygroups"]
#   scope: resource
#   facts: ["microsoft.network/networkwatchers/flowlogs"]
#   frameworks:
#     cis-azure-2.1.0: ["5.1.5"]
#     pci-dss-4.0: ["10.2.1", "10.4.1"]
#     hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["AU-6", "AU-12", "SI-4"]
#   remediation:
#     text: "Create an enabled flow log for the network security group with Traffic Analytics sending to a Log Analytics workspace."
#     cli: "az network watcher flow-log create --location <region> --name <name> --nsg <nsg id> --storage-account <account> --traffic-analytics true --workspace <workspace id>"
package parapet.rules.azure.network.flow_logs_traffic_analytics

import data.parapet.lib
import data.parapet.lib.azure

flow_logs := [f |
	some f in object.get(input, ["facts", "microsoft.network/networkwatchers/flowlogs"], [])
	lower(object.get(azure.props(f), "targetResourceId", "")) == lower(input.resource.id)
]

to_log_analytics(f) if {
	p := azure.props(f)
	p.enabled == true
	analytics := object.get(p, ["flowAnalyticsConfiguration", "networkWatcherFlowAnalyticsConfiguration"], {})
	analytics.enabled == true
	object.get(analytics, "workspaceResourceId", "") != ""
}

deny contains lib.finding(input.resource, msg, {"flowLogs": [f.id | some f in flow_logs]}) if {
	not any_to_log_analytics
	msg := concat("", ["network security group ", lib.fmt_s(input.resource.name), " has no enabled flow log sent to Log Analytics (", format_int(count(flow_logs), 10), " flow logs found)"])
}

any_to_log_analytics if {
	some f in flow_logs
	to_log_analytics(f)
}
