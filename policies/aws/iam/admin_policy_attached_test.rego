package parapet.rules.aws.iam.admin_policy_attached_test

import data.parapet.rules.aws.iam.admin_policy_attached

policy(count_attached, versions) := {"resource": {"id": "arn:aws:iam::111122223333:policy/ops", "type": "AWS::IAM::Policy", "provider": "aws", "account": "111122223333", "region": "global", "config": {"policyName": "ops", "policyId": "ANPAEXAMPLE", "arn": "arn:aws:iam::111122223333:policy/ops", "path": "/", "defaultVersionId": "v2", "attachmentCount": count_attached, "isAttachable": true, "policyVersionList": versions}}, "facts": {}}

# As Config records it: the document URL-encoded.
admin_encoded := "%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A%20%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Action%22%3A%20%22*%22%2C%20%22Resource%22%3A%20%22*%22%7D%5D%0A%7D"

scoped_encoded := "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22s3%3AGetObject%22%5D%2C%22Resource%22%3A%22*%22%7D%7D"

pass_scoped_default := policy(3, [
	{"versionId": "v1", "isDefaultVersion": false, "document": admin_encoded},
	{"versionId": "v2", "isDefaultVersion": true, "document": scoped_encoded},
])

pass_admin_unattached := policy(0, [{"versionId": "v2", "isDefaultVersion": true, "document": admin_encoded}])

fail_admin_attached := policy(2, [{"versionId": "v2", "isDefaultVersion": true, "document": admin_encoded}])

# The same document as plain JSON with array-valued fields.
fail_admin_plain_json := policy(1, [{"versionId": "v2", "isDefaultVersion": true, "document": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"*\"],\"Resource\":[\"*\"]}]}"}])

pass_deny_star := policy(1, [{"versionId": "v2", "isDefaultVersion": true, "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}}])

test_pass_when_default_version_is_scoped if {
	count(admin_policy_attached.deny) == 0 with input as pass_scoped_default
}

test_pass_when_admin_policy_is_not_attached if {
	count(admin_policy_attached.deny) == 0 with input as pass_admin_unattached
}

test_pass_for_deny_statement if {
	count(admin_policy_attached.deny) == 0 with input as pass_deny_star
}

test_fail_for_attached_admin_policy if {
	some f in admin_policy_attached.deny with input as fail_admin_attached
	f.resource == "arn:aws:iam::111122223333:policy/ops"
	contains(f.msg, "ops")
	contains(f.msg, "attached 2 time(s)")
}

test_fail_for_plain_json_document if {
	count(admin_policy_attached.deny) == 1 with input as fail_admin_plain_json
}
