# METADATA
# title: S3 bucket is not public
# description: A public bucket exposes its objects unless the account blocks public access.
# custom:
#   id: aws.s3.bucket_public
#   severity: high
#   resource_types: [AWS::S3::Bucket]
#   scope: resource
#   facts: [Parapet::S3::AccountPublicAccessBlock]
#   frameworks:
#     test-fw: ["1"]
#   remediation:
#     text: Make the bucket private or block public access for the account.
package parapet.rules.aws.s3.bucket_public

import data.parapet.lib

account_blocks if {
	some fact in input.facts["Parapet::S3::AccountPublicAccessBlock"]
	fact.config.BlockAll == true
}

# The evidence echoes what the rule saw: the accounts of the facts it was given, and
# the bucket's size as given (big integers must arrive and leave exact).
deny contains lib.finding(input.resource, msg, evidence) if {
	input.resource.config.Public == true
	not account_blocks
	msg := sprintf("bucket %s is public", [input.resource.name])
	evidence := {
		"fact_accounts": [f.account | some f in input.facts["Parapet::S3::AccountPublicAccessBlock"]],
		"size": object.get(input.resource.config, "Size", 0),
	}
}
