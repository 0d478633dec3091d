# METADATA
# title: VPC subnetworks have flow logs on
# description: >-
#   CIS GCP 3.8: VPC Flow Logs record the network flows of every VM of the subnet, the
#   evidence for detecting and investigating intrusions and exfiltration.
# custom:
#   id: gcp.compute.subnet_flow_logs
#   severity: medium
#   resource_types: [compute.googleapis.com/Subnetwork]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["3.8"]
#     pci-dss-4.0: ["10.2.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-12", "SI-4"]
#   remediation:
#     text: "Turn on flow logs with a 5-second aggregation interval, sample rate 1 and all metadata."
#     cli: "gcloud compute networks subnets update SUBNET --region=REGION --enable-flow-logs --logging-aggregation-interval=interval-5-sec --logging-flow-sampling=1 --logging-metadata=include-all"
package parapet.rules.gcp.compute.subnet_flow_logs

import data.parapet.lib

# Proxy-only and Private Service Connect subnets carry no VM traffic and cannot log flows.
no_flow_log_purposes := {"REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER", "PRIVATE_SERVICE_CONNECT"}

flow_logs_on(cfg) if cfg.logConfig.enable == true

flow_logs_on(cfg) if {
	not cfg.logConfig
	cfg.enableFlowLogs == true
}

deny contains lib.finding(
	input.resource,
	sprintf("subnetwork %s (%s) has flow logs off (logConfig.enable %v, enableFlowLogs %v)", [cfg.name, cfg.ipCidrRange, object.get(cfg, ["logConfig", "enable"], null), object.get(cfg, "enableFlowLogs", null)]),
	{"logConfig": object.get(cfg, "logConfig", null), "enableFlowLogs": object.get(cfg, "enableFlowLogs", null)},
) if {
	cfg := input.resource.config
	not object.get(cfg, "purpose", "PRIVATE") in no_flow_log_purposes
	not flow_logs_on(cfg)
}
