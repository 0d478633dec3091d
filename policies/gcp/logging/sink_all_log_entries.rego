# METADATA
# title: A log sink exports all log entries
# description: >-
#   CIS GCP 2.2: Cloud Logging keeps entries for a limited time; a sink with an empty
#   filter copies every entry to storage you control for long-term retention and
#   analysis.
# custom:
#   id: gcp.logging.sink_all_log_entries
#   severity: high
#   resource_types: [logging.googleapis.com/LogSink]
#   scope: account
#   frameworks:
#     cis-gcp-3.0.0: ["2.2"]
#     pci-dss-4.0: ["10.3.3", "10.5.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-4", "AU-9(2)", "AU-11"]
#   remediation:
#     text: "Create a sink without a filter to Cloud Storage, BigQuery or Pub/Sub (at organization level with --include-children for all projects)."
#     cli: "gcloud logging sinks create all-logs storage.googleapis.com/BUCKET"
package parapet.rules.gcp.logging.sink_all_log_entries

import data.parapet.lib

full_sinks := [s.config.name |
	some s in input.resources["logging.googleapis.com/LogSink"]
	trim_space(object.get(s.config, "filter", "")) == ""
	not s.config.disabled
]

deny contains lib.finding(
	lib.gcp.account_resource_id(input.account),
	sprintf("project %s has no enabled log sink without a filter (sinks: %s)", [input.account.id, listed(names)]),
	{"sinks": names},
) if {
	count(full_sinks) == 0
	names := sort([s.config.name | some s in input.resources["logging.googleapis.com/LogSink"]])
}

listed(names) := concat(", ", names) if count(names) > 0

else := "none"
