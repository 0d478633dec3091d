# METADATA
# title: S3 buckets have versioning with MFA delete
# description: MFA delete requires a second factor to delete object versions or suspend versioning, so stolen credentials cannot erase the bucket's history.
# custom:
#   id: aws.s3.bucket_mfa_delete
#   severity: medium
#   resource_types: [AWS::S3::Bucket]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["2.1.2"]
#     nist-800-53-r5: ["CP-9", "SI-7"]
#     hipaa: ["164.312(c)(1)"]
#   remediation:
#     text: As the root user with its MFA device, enable versioning with MFA delete.
#     cli: aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "<serial> <code>"
package parapet.rules.aws.s3.bucket_mfa_delete

import data.parapet.lib

versioning := object.get(input.resource.config, "BucketVersioningConfiguration", {})

deny contains lib.finding(input.resource, msg, {"status": status, "isMfaDeleteEnabled": mfa}) if {
	status := object.get(versioning, "status", "Off")
	mfa := object.get(versioning, "isMfaDeleteEnabled", false)
	not compliant(status, mfa)
	msg := concat("", ["S3 bucket ", lib.fmt_s(input.resource.config.name), " does not have MFA delete (versioning status=", lib.fmt_s(status), ", isMfaDeleteEnabled=", lib.show(mfa), ")"])
}

compliant("Enabled", true)
