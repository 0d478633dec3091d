# METADATA
# title: Cloud Storage buckets use uniform bucket-level access
# description: >-
#   CIS GCP 5.2: with uniform bucket-level access only IAM decides access; per-object
#   ACLs, which are easy to overlook and leak objects, stop working.
# custom:
#   id: gcp.storage.bucket_uniform_access
#   severity: medium
#   resource_types: [storage.googleapis.com/Bucket]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["5.2"]
#     pci-dss-4.0: ["7.2.1", "7.3.1"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["AC-3"]
#   remediation:
#     text: "Enable uniform bucket-level access on the bucket; enforce constraints/storage.uniformBucketLevelAccess."
#     cli: "gcloud storage buckets update gs://BUCKET --uniform-bucket-level-access"
package parapet.rules.gcp.storage.bucket_uniform_access

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("bucket %s does not use uniform bucket-level access (enabled %v)", [input.resource.config.name, enabled]),
	{"uniformBucketLevelAccess": object.get(input.resource.config, ["iamConfiguration", "uniformBucketLevelAccess"], null)},
) if {
	enabled := object.get(input.resource.config, ["iamConfiguration", "uniformBucketLevelAccess", "enabled"], false)
	enabled != true
}
