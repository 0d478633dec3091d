package parapet.rules.aws.macie.macie_enabled_test

import data.parapet.rules.aws.macie.macie_enabled

session(config) := {"resource": {"id": "arn:aws:parapet:eu-west-1:111122223333:macie-session", "type": "Parapet::Macie::Session", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": config}, "facts": {}}

pass_enabled := session({"Status": "ENABLED", "CreatedAt": "2024-01-01T00:00:00Z", "FindingPublishingFrequency": "FIFTEEN_MINUTES", "ServiceRole": "arn:aws:iam::111122223333:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie"})

fail_not_enabled := session({})

fail_paused := session({"Status": "PAUSED"})

test_pass_when_enabled if {
	count(macie_enabled.deny) == 0 with input as pass_enabled
}

test_fail_when_not_enabled_or_paused if {
	some f in macie_enabled.deny with input as fail_not_enabled
	contains(f.msg, "region eu-west-1")
	contains(f.msg, "status: none")
	some g in macie_enabled.deny with input as fail_paused
	contains(g.msg, "status: PAUSED")
}
