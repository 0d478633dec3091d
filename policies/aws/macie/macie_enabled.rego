# METADATA
# title: Amazon Macie discovers and classifies S3 data
# description: >-
#   Sensitive data can only be secured once it is found; Macie inventories S3
#   buckets and flags sensitive data in them. Flags regions where Macie is not enabled.
# custom:
#   id: aws.macie.macie_enabled
#   severity: medium
#   resource_types: [Parapet::Macie::Session]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["2.1.3"]
#     pci-dss-4.0: ["A3.2.5", "12.5.2"]
#     nist-800-53-r5: ["RA-2", "CM-12"]
#     hipaa: ["164.308(a)(1)(ii)(A)"]
#   remediation:
#     text: Enable Macie in the region and configure automated sensitive data discovery.
#     cli: aws macie2 enable-macie --region <region>
package parapet.rules.aws.macie.macie_enabled

import data.parapet.lib

status := object.get(input.resource.config, "Status", "none")

deny contains lib.finding(input.resource, msg, {"Status": status}) if {
	status != "ENABLED"
	msg := sprintf("Amazon Macie is not enabled in region %s of account %s (status: %s)", [input.resource.region, input.resource.account, status])
}
