# METADATA
# title: CloudTrail logs management events in all regions
# description: >-
#   Without a multi-region trail that is logging and records all read and write
#   management events, API activity in some regions or of some kinds leaves no
#   audit record.
# custom:
#   id: aws.cloudtrail.multi_region_trail
#   severity: high
#   resource_types: [Parapet::CloudTrail::TrailStatus]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["3.1"]
#     pci-dss-4.0: ["10.2.1", "10.2.1.2", "10.2.2"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-12"]
#     hipaa: ["164.312(b)"]
#   remediation:
#     text: Create (or update) a trail with multi-region enabled, management events Read and Write, and start logging.
#     cli: aws cloudtrail update-trail --name <trail> --is-multi-region-trail && aws cloudtrail start-logging --name <trail>
#     terraform: resource "aws_cloudtrail" "this" { is_multi_region_trail = true enable_logging = true }
package parapet.rules.aws.cloudtrail.multi_region_trail

import data.parapet.lib
import data.parapet.lib.aws

trails := object.get(input.resources, "Parapet::CloudTrail::TrailStatus", [])

summary(t) := {"name": t.config.Trail.Name, "IsMultiRegionTrail": object.get(t.config.Trail, "IsMultiRegionTrail", false), "IsLogging": object.get(t.config.Status, "IsLogging", false), "AllManagementEvents": all_management(t)}

all_management(t) if aws.logs_all_management_events(t)

else := false

deny contains lib.finding(aws.account_resource(input.account), msg, {"trails": [summary(t) | some t in trails]}) if {
	not any_complete
	msg := sprintf("account %s has no multi-region CloudTrail trail that is logging all management events (%d trail(s) checked)", [input.account.id, count(trails)])
}

any_complete if {
	some t in trails
	aws.is_complete_trail(t)
}
