# METADATA
# title: Cloud Storage buckets are not readable or writable by the public
# description: >-
#   CIS GCP 5.1: a bucket whose IAM policy or ACL names allUsers or
#   allAuthenticatedUsers exposes its objects to anyone on the internet.
# custom:
#   id: gcp.storage.bucket_public
#   severity: critical
#   resource_types: [storage.googleapis.com/Bucket]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["5.1"]
#     pci-dss-4.0: ["1.4.4", "7.2.1", "7.3.1"]
#     hipaa: ["164.312(a)(1)", "164.308(a)(4)(i)"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#   remediation:
#     text: "Remove the allUsers and allAuthenticatedUsers bindings and ACL entries and enforce public access prevention."
#     cli: "gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=allUsers --role=ROLE && gcloud storage buckets update gs://BUCKET --public-access-prevention"
#     terraform: "resource \"google_storage_bucket\" \"b\" { public_access_prevention = \"enforced\" }"
package parapet.rules.gcp.storage.bucket_public

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("bucket %s grants %s to %s", [input.resource.config.name, b.role, b.member]),
	b,
) if {
	some b in lib.gcp.public_bindings(input.resource)
}

deny contains lib.finding(
	input.resource,
	sprintf("bucket %s ACL grants %s to %s", [input.resource.config.name, a.role, a.entity]),
	{"acl": a},
) if {
	some a in object.get(input.resource.config, "acl", [])
	a.entity in lib.gcp.public_members
}
