# METADATA
# title: S3 bucket policy denies requests over HTTP
# description: Without a policy denying aws:SecureTransport=false, clients may read and write the bucket over unencrypted HTTP.
# custom:
#   id: aws.s3.bucket_deny_http
#   severity: high
#   resource_types: [AWS::S3::Bucket]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["2.1.1"]
#     pci-dss-4.0: ["4.2.1"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#   remediation:
#     text: 'Add a bucket policy statement that denies s3:* to Principal "*" when aws:SecureTransport is false, for the bucket and its objects.'
#     terraform: 'data "aws_iam_policy_document" "tls" { statement { effect = "Deny" actions = ["s3:*"] principals { type = "*" identifiers = ["*"] } resources = [bucket_arn, "${bucket_arn}/*"] condition { test = "Bool" variable = "aws:SecureTransport" values = ["false"] } } }'
package parapet.rules.aws.s3.bucket_deny_http

import data.parapet.lib
import data.parapet.lib.aws

policy_text := object.get(input.resource.config, ["BucketPolicy", "policyText"], null)

deny contains lib.finding(input.resource, msg, {"BucketPolicy": object.get(input.resource.config, "BucketPolicy", null)}) if {
	not denies_http
	msg := concat("", ["S3 bucket ", lib.fmt_s(input.resource.config.name), " has no bucket policy statement denying requests with aws:SecureTransport=false (policy: ", lib.fmt_s(describe), ")"])
}

describe := "none" if policy_text == null

else := "present"

denies_http if {
	policy_text != null
	some st in aws.statements(policy_text)
	st.Effect == "Deny"
	everyone(st.Principal)
	some action in aws.as_list(st.Action)
	action in {"*", "s3:*"}
	some value in aws.as_list(st.Condition.Bool["aws:SecureTransport"])
	lower(lib.show(value)) == "false"
}

everyone("*")

everyone(principal) if "*" in aws.as_list(principal.AWS)
