# METADATA
# title: AWS Security Hub is enabled in every region
# description: Security Hub aggregates findings from GuardDuty, Inspector, Macie and its own checks; without it, regional findings have no central place to be triaged.
# custom:
#   id: aws.securityhub.hub_enabled
#   severity: medium
#   resource_types: [Parapet::SecurityHub::Hub]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["4.16"]
#     pci-dss-4.0: ["10.4.1.1", "11.5.1"]
#     nist-800-53-r5: ["CA-7", "SI-4", "RA-5"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#   remediation:
#     text: Enable Security Hub in the region (or centrally through the delegated administrator).
#     cli: aws securityhub enable-security-hub --region <region>
#     terraform: resource "aws_securityhub_account" "this" {}
package parapet.rules.aws.securityhub.hub_enabled

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"HubArn": null}) if {
	object.get(input.resource.config, "HubArn", "") == ""
	msg := sprintf("AWS Security Hub is not enabled in region %s of account %s", [input.resource.region, input.resource.account])
}
