# METADATA
# title: "NSG flow logs are kept for at least 90 days"
# description: "Flow logs show which connections reached or left a network; keeping them 90 days or more lets an investigation reconstruct traffic after a late detection."
# custom:
#   id: azure.network.flow_log_retention
#   severity: medium
#   resource_types: ["microsoft.network/networkwatchers/flowlogs"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["6.5"]
#     pci-dss-4.0: ["10.5.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-11", "AU-12"]
#   remediation:
#     text: "Enable the flow log retention policy with 90 days or more (0 keeps logs forever)."
#     cli: "az network watcher flow-log update --location <region> --name <flow log> --retention 90"
package parapet.rules.azure.network.flow_log_retention

import data.parapet.lib
import data.parapet.lib.azure

min_days := 90

deny contains lib.finding(input.resource, msg, {"enabled": enabled, "retentionPolicy": policy}) if {
	p := azure.props(input.resource)
	enabled := object.get(p, "enabled", false)
	policy := object.get(p, "retentionPolicy", {})
	not kept_long_enough(enabled, policy)
	msg := sprintf("flow log %s keeps logs too briefly: enabled %s, retentionPolicy %s (need %d days or more)", [input.resource.name, azure.text(enabled), azure.text(policy), min_days])
}

kept_long_enough(true, policy) if {
	policy.enabled == true
	policy.days == 0
}

kept_long_enough(true, policy) if {
	policy.enabled == true
	policy.days >= min_days
}
