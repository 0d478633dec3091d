# METADATA
# title: A log metric and alert exist for Cloud SQL instance configuration changes
# description: >-
#   CIS GCP 2.11: a log-based metric matching Cloud SQL instance configuration changes,
#   watched by an enabled alert policy, tells the security team about the change as it
#   happens.
# custom:
#   id: gcp.logging.metric_alert_sql_config
#   severity: medium
#   resource_types: [logging.googleapis.com/LogMetric]
#   scope: account
#   facts: [monitoring.googleapis.com/AlertPolicy]
#   frameworks:
#     cis-gcp-3.0.0: ["2.11"]
#     pci-dss-4.0: ["10.4.1", "10.4.1.1", "10.2.1.7"]
#     hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"]
#     nist-800-53-r5: ["AU-6", "SI-4"]
#   remediation:
#     text: "Create a log-based metric with the CIS filter for Cloud SQL instance configuration changes and an alert policy on metric.type=\"logging.googleapis.com/user/METRIC\" with a notification channel."
#     cli: "gcloud logging metrics create METRIC --log-filter='protoPayload.methodName=\"cloudsql.instances.update\"'"
package parapet.rules.gcp.logging.metric_alert_sql_config

import data.parapet.lib

required_fragments := [
	"protopayload.methodname=cloudsql.instances.update",
]

metrics := input.resources["logging.googleapis.com/LogMetric"]

policies := input.resources["monitoring.googleapis.com/AlertPolicy"]

deny contains lib.finding(
	lib.gcp.account_resource_id(input.account),
	sprintf("project %s has no log metric whose filter matches Cloud SQL instance configuration changes", [input.account.id]),
	{"required_filter_terms": required_fragments},
) if {
	count(lib.gcp.matching_metrics(metrics, required_fragments)) == 0
}

deny contains lib.finding(
	lib.gcp.account_resource_id(input.account),
	sprintf("project %s has log metrics %s for Cloud SQL instance configuration changes but no enabled alert policy on them", [input.account.id, concat(", ", matching)]),
	{"metrics": matching},
) if {
	matching := lib.gcp.matching_metrics(metrics, required_fragments)
	count(matching) > 0
	count(lib.gcp.alerted_matching_metrics(metrics, policies, required_fragments)) == 0
}
