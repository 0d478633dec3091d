# METADATA
# title: CloudTrail log file validation is enabled
# description: Digest files signed by CloudTrail let you prove log files were not modified or deleted after delivery.
# custom:
#   id: aws.cloudtrail.log_file_validation
#   severity: medium
#   resource_types: [Parapet::CloudTrail::TrailStatus]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["3.2"]
#     pci-dss-4.0: ["10.3.2", "10.3.4"]
#     nist-800-53-r5: ["AU-9", "AU-9(3)", "SI-7"]
#     hipaa: ["164.312(b)", "164.312(c)(1)"]
#   remediation:
#     text: Enable log file validation on the trail.
#     cli: aws cloudtrail update-trail --name <trail> --enable-log-file-validation
#     terraform: resource "aws_cloudtrail" "this" { enable_log_file_validation = true }
package parapet.rules.aws.cloudtrail.log_file_validation

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"LogFileValidationEnabled": enabled}) if {
	enabled := object.get(input.resource.config.Trail, "LogFileValidationEnabled", false)
	enabled != true
	msg := sprintf("CloudTrail trail %s does not validate log files (LogFileValidationEnabled=%s)", [input.resource.config.Trail.Name, lib.show(enabled)])
}
