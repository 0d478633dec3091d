package parapet.rules.gcp.storage.bucket_uniform_access_test

import data.parapet.rules.gcp.storage.bucket_uniform_access as rule

acl_bucket := {"resource": {"id": "//storage.googleapis.com/b", "name": "b", "config": {}}, "facts": {}}

uniform_bucket := {"resource": {"id": "//storage.googleapis.com/b", "name": "b", "config": {"iamConfiguration": {"uniformBucketLevelAccess": {"enabled": true}}}}, "facts": {}}

test_acl_bucket_fails if count(rule.deny) == 1 with input as acl_bucket

test_uniform_bucket_passes if count(rule.deny) == 0 with input as uniform_bucket
