# METADATA
# title: HTTP(S) load balancer backend services log requests
# description: >-
#   CIS GCP 2.16: request logs of HTTP(S) load balancers record who called which URL,
#   evidence for debugging and for investigating attacks on web applications.
# custom:
#   id: gcp.compute.lb_backend_logging
#   severity: medium
#   resource_types: [compute.googleapis.com/BackendService, compute.googleapis.com/RegionBackendService]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["2.16"]
#     pci-dss-4.0: ["10.2.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Enable logging on the backend service."
#     cli: "gcloud compute backend-services update NAME --global --enable-logging --logging-sample-rate=1"
package parapet.rules.gcp.compute.lb_backend_logging

import data.parapet.lib

http_protocols := {"HTTP", "HTTPS", "HTTP2"}

deny contains lib.finding(
	input.resource,
	sprintf("backend service %s (%s) does not log requests (logConfig.enable %v)", [cfg.name, cfg.protocol, object.get(cfg, ["logConfig", "enable"], false)]),
	{"logConfig": object.get(cfg, "logConfig", null)},
) if {
	cfg := input.resource.config
	object.get(cfg, "protocol", "HTTP") in http_protocols
	not cfg.logConfig.enable
}
