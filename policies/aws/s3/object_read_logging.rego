# METADATA
# title: S3 object-level read events are logged by CloudTrail
# description: >-
#   Management events do not record object access; only CloudTrail data events
#   show who read objects in the bucket.
# custom:
#   id: aws.s3.object_read_logging
#   severity: medium
#   resource_types: [AWS::S3::Bucket]
#   scope: resource
#   facts: [Parapet::CloudTrail::TrailStatus]
#   frameworks:
#     cis-aws-3.0.0: ["3.9"]
#     pci-dss-4.0: ["10.2.1", "10.2.1.1"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     hipaa: ["164.312(b)"]
#   remediation:
#     text: Add an S3 data event selector (ReadOnly or All) for the bucket, or for all buckets, to a logging trail.
#     cli: 'aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors ''[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]'''
package parapet.rules.aws.s3.object_read_logging

import data.parapet.lib
import data.parapet.lib.aws

trails := object.get(input.facts, "Parapet::CloudTrail::TrailStatus", [])

deny contains lib.finding(input.resource, msg, {"trails_checked": [t.config.Trail.Name | some t in trails]}) if {
	not logged
	msg := concat("", ["S3 bucket ", lib.fmt_s(input.resource.config.name), ": no logging CloudTrail trail records object-level read events for it (", format_int(count(trails), 10), " trail(s) checked)"])
}

logged if {
	some t in trails
	aws.logs_s3_objects(t, input.resource.config.name, input.resource.region, "read")
}
