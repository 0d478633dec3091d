# METADATA
# title: A log metric and alert exist for VPC route changes
# description: >-
#   CIS GCP 2.8: a log-based metric matching VPC route changes, watched by an enabled
#   alert policy, tells the security team about the change as it happens.
# custom:
#   id: gcp.logging.metric_alert_route
#   severity: medium
#   resource_types: [logging.googleapis.com/LogMetric]
#   scope: account
#   facts: [monitoring.googleapis.com/AlertPolicy]
#   frameworks:
#     cis-gcp-3.0.0: ["2.8"]
#     pci-dss-4.0: ["10.4.1", "10.4.1.1", "10.2.1.7", "1.2.2"]
#     hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"]
#     nist-800-53-r5: ["AU-6", "SI-4"]
#   remediation:
#     text: "Create a log-based metric with the CIS filter for VPC route changes and an alert policy on metric.type=\"logging.googleapis.com/user/METRIC\" with a notification channel."
#     cli: "gcloud logging metrics create METRIC --log-filter='resource.type=\"gce_route\" AND (protoPayload.methodName:\"compute.routes.delete\" OR protoPayload.methodName:\"compute.routes.insert\")'"
package parapet.rules.gcp.logging.metric_alert_route

import data.parapet.lib

required_fragments := [
	"resource.type=gce_route",
	"compute.routes.delete",
	"compute.routes.insert",
]

metrics := input.resources["logging.googleapis.com/LogMetric"]

policies := input.resources["monitoring.googleapis.com/AlertPolicy"]

deny contains lib.finding(
	lib.gcp.account_resource_id(input.account),
	sprintf("project %s has no log metric whose filter matches VPC route changes", [input.account.id]),
	{"required_filter_terms": required_fragments},
) if {
	count(lib.gcp.matching_metrics(metrics, required_fragments)) == 0
}

deny contains lib.finding(
	lib.gcp.account_resource_id(input.account),
	sprintf("project %s has log metrics %s for VPC route changes but no enabled alert policy on them", [input.account.id, concat(", ", matching)]),
	{"metrics": matching},
) if {
	matching := lib.gcp.matching_metrics(metrics, required_fragments)
	count(matching) > 0
	count(lib.gcp.alerted_matching_metrics(metrics, policies, required_fragments)) == 0
}
