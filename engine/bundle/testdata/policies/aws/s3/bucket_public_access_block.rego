# METADATA
# title: S3 bucket blocks public access
# description: A bucket without a full public access block can be exposed by a later ACL or policy change.
# custom:
#   id: aws.s3.bucket_public_access_block
#   severity: high
#   resource_types: [AWS::S3::Bucket]
#   scope: resource
#   facts: [Parapet::S3::AccountPublicAccessBlock]
#   frameworks:
#     cis-aws-3.0.0: ["2.1.4"]
#     pci-dss-4.0: ["1.4.1", "A3.3.1.2"]
#   remediation:
#     text: Turn on all four public access block settings on the bucket or the account.
package parapet.rules.aws.s3.bucket_public_access_block

import data.parapet.lib

settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

account_blocks(setting) if {
	some fact in input.facts["Parapet::S3::AccountPublicAccessBlock"]
	fact.config[setting] == true
}

deny contains lib.finding(input.resource, msg, {"setting": setting}) if {
	some setting in settings
	not input.resource.config.PublicAccessBlockConfiguration[setting]
	not account_blocks(setting)
	msg := sprintf("bucket %s does not set %s", [input.resource.name, setting])
}
