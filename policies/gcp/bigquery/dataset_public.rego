# METADATA
# title: BigQuery datasets are not accessible to the public
# description: >-
#   CIS GCP 7.1: a dataset whose access list or IAM policy names allUsers or
#   allAuthenticatedUsers exposes its tables to anyone on the internet.
# custom:
#   id: gcp.bigquery.dataset_public
#   severity: critical
#   resource_types: [bigquery.googleapis.com/Dataset]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["7.1"]
#     pci-dss-4.0: ["1.4.4", "7.2.1", "7.3.1"]
#     hipaa: ["164.312(a)(1)", "164.308(a)(4)(i)"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#   remediation:
#     text: "Remove the allUsers and allAuthenticatedUsers entries from the dataset's access list and IAM policy."
#     cli: "bq show --format=prettyjson PROJECT:DATASET > ds.json  # drop the public entries, then: bq update --source ds.json PROJECT:DATASET"
package parapet.rules.gcp.bigquery.dataset_public

import data.parapet.lib

public_access_entry(e) if e.specialGroup == "allAuthenticatedUsers"

public_access_entry(e) if e.iamMember in lib.gcp.public_members

deny contains lib.finding(
	input.resource,
	sprintf("dataset %s gives %s to %s", [input.resource.name, object.get(e, "role", "?"), object.get(e, "specialGroup", object.get(e, "iamMember", "?"))]),
	{"access": e},
) if {
	some e in object.get(input.resource.config, "access", [])
	public_access_entry(e)
}

deny contains lib.finding(
	input.resource,
	sprintf("dataset %s grants %s to %s", [input.resource.name, b.role, b.member]),
	b,
) if {
	some b in lib.gcp.public_bindings(input.resource)
}
