# METADATA
# title: Cloud Storage buckets receiving log sinks have a locked retention policy
# description: >-
#   CIS GCP 2.3: a retention policy locked with Bucket Lock stops anyone, including
#   project owners, from deleting or shortening exported logs before they expire.
# custom:
#   id: gcp.logging.sink_bucket_retention_locked
#   severity: medium
#   resource_types: [storage.googleapis.com/Bucket]
#   scope: account
#   facts: [logging.googleapis.com/LogSink]
#   frameworks:
#     cis-gcp-3.0.0: ["2.3"]
#     pci-dss-4.0: ["10.3.2", "10.5.1"]
#     hipaa: ["164.312(b)", "164.312(c)(1)"]
#     nist-800-53-r5: ["AU-9", "AU-11"]
#   remediation:
#     text: "Set a retention policy on the sink's destination bucket and lock it."
#     cli: "gsutil retention set 365d gs://BUCKET && gsutil retention lock gs://BUCKET"
package parapet.rules.gcp.logging.sink_bucket_retention_locked

import data.parapet.lib

sink_buckets contains {"bucket": trim_prefix(s.config.destination, "storage.googleapis.com/"), "sink": s.config.name} if {
	some s in input.resources["logging.googleapis.com/LogSink"]
	startswith(s.config.destination, "storage.googleapis.com/")
}

locked(bucket) if {
	bucket.config.retentionPolicy.isLocked == true
	to_number(bucket.config.retentionPolicy.retentionPeriod) > 0
}

deny contains lib.finding(
	b,
	sprintf("bucket %s receives log sink %s but has no locked retention policy (retentionPolicy %v)", [b.name, sb.sink, object.get(b.config, "retentionPolicy", null)]),
	{"sink": sb.sink, "retentionPolicy": object.get(b.config, "retentionPolicy", null)},
) if {
	some sb in sink_buckets
	some b in input.resources["storage.googleapis.com/Bucket"]
	b.config.name == sb.bucket
	not locked(b)
}
