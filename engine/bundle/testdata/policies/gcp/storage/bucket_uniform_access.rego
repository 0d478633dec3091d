# METADATA
# title: Cloud Storage bucket uses uniform bucket-level access
# description: Object ACLs bypass the bucket's IAM policy; uniform access turns them off.
# custom:
#   id: gcp.storage.bucket_uniform_access
#   severity: medium
#   resource_types: [storage.googleapis.com/Bucket]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["5.2"]
#   remediation:
#     text: Enable uniform bucket-level access.
package parapet.rules.gcp.storage.bucket_uniform_access

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"uniformBucketLevelAccess": false}) if {
	not input.resource.config.iamConfiguration.uniformBucketLevelAccess.enabled
	msg := sprintf("bucket %s allows object ACLs", [input.resource.name])
}
