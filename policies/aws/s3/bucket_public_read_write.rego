# METADATA
# title: S3 buckets are not readable or writable by anyone
# description: >-
#   An ACL grant to AllUsers or AuthenticatedUsers, or a bucket policy allowing
#   Principal "*" without conditions, lets anyone on the Internet read or change
#   the bucket's data, unless Block Public Access (IgnorePublicAcls,
#   RestrictPublicBuckets) on the bucket or the account neutralises it.
# custom:
#   id: aws.s3.bucket_public_read_write
#   severity: critical
#   resource_types: [AWS::S3::Bucket]
#   scope: resource
#   facts: [Parapet::S3::AccountPublicAccessBlock]
#   frameworks:
#     pci-dss-4.0: ["1.4.4", "7.2.1"]
#     nist-800-53-r5: ["AC-3", "AC-6", "AC-21"]
#     hipaa: ["164.312(a)(1)"]
#   remediation:
#     text: Remove the public ACL grants and public policy statements, then turn on Block Public Access for the bucket or the account.
#     cli: aws s3api put-bucket-acl --bucket <bucket> --acl private && aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
package parapet.rules.aws.s3.bucket_public_read_write

import data.parapet.lib
import data.parapet.lib.aws

config := input.resource.config

blocked(name) if object.get(config, ["PublicAccessBlockConfiguration", concat("", [lower(substring(name, 0, 1)), substring(name, 1, -1)])], false) == true

blocked(name) if {
	some fact in object.get(input.facts, "Parapet::S3::AccountPublicAccessBlock", [])
	object.get(fact.config, name, false) == true
}

# Config records the ACL as a JSON string of the SDK's AccessControlList.
acl := json.unmarshal(config.AccessControlList) if is_string(config.AccessControlList)

else := object.get(config, "AccessControlList", {})

public_group(grantee) := grantee if grantee in {"AllUsers", "AuthenticatedUsers"}

public_group(grantee) := name if {
	is_object(grantee)
	some name in {"AllUsers", "AuthenticatedUsers"}
	endswith(object.get(grantee, "uri", object.get(grantee, "identifier", "")), sprintf("/global/%s", [name]))
}

deny contains lib.finding(input.resource, msg, {"grantee": group, "permission": grant.permission}) if {
	not blocked("IgnorePublicAcls")
	some grant in object.get(acl, "grantList", [])
	group := public_group(grant.grantee)
	msg := concat("", ["S3 bucket ", lib.fmt_s(config.name), " grants ", lib.fmt_s(grant.permission), " to ", lib.fmt_s(group), " through its ACL"])
}

deny contains lib.finding(input.resource, msg, {"statement": st}) if {
	not blocked("RestrictPublicBuckets")
	policy_text := object.get(config, ["BucketPolicy", "policyText"], null)
	policy_text != null
	some st in aws.statements(policy_text)
	st.Effect == "Allow"
	everyone(st.Principal)
	not st.Condition
	msg := concat("", ["S3 bucket ", lib.fmt_s(config.name), " policy allows ", concat(", ", aws.as_list(st.Action)), " to everyone (Principal \"*\") without conditions"])
}

everyone("*")

everyone(principal) if "*" in aws.as_list(principal.AWS)
