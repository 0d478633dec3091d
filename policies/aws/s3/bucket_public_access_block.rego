# METADATA
# title: S3 buckets block public access
# description: >-
#   With all four Block Public Access settings on (for the bucket or the whole
#   account), no ACL or bucket policy can make the bucket's data public by mistake.
# custom:
#   id: aws.s3.bucket_public_access_block
#   severity: high
#   resource_types: [AWS::S3::Bucket]
#   scope: resource
#   facts: [Parapet::S3::AccountPublicAccessBlock]
#   frameworks:
#     cis-aws-3.0.0: ["2.1.4"]
#     pci-dss-4.0: ["1.3.1", "1.4.4"]
#     nist-800-53-r5: ["AC-3", "AC-21", "SC-7"]
#     hipaa: ["164.312(a)(1)"]
#   remediation:
#     text: Turn on all four Block Public Access settings for the bucket, or for the account.
#     cli: aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     terraform: resource "aws_s3_bucket_public_access_block" "this" { block_public_acls = true ignore_public_acls = true block_public_policy = true restrict_public_buckets = true }
package parapet.rules.aws.s3.bucket_public_access_block

import data.parapet.lib

settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

# Config records the bucket's block in camelCase, the account API in PascalCase.
bucket_setting(name) := object.get(input.resource.config, ["PublicAccessBlockConfiguration", camel(name)], false)

camel(name) := concat("", [lower(substring(name, 0, 1)), substring(name, 1, -1)])

account_blocks(name) if {
	some fact in object.get(input.facts, "Parapet::S3::AccountPublicAccessBlock", [])
	object.get(fact.config, name, false) == true
}

off := [name |
	some name in settings
	bucket_setting(name) != true
	not account_blocks(name)
]

deny contains lib.finding(input.resource, msg, {"settings_off": off}) if {
	count(off) > 0
	msg := concat("", ["S3 bucket ", lib.fmt_s(input.resource.config.name), " does not block public access: ", concat(", ", off), " off for the bucket and the account"])
}
