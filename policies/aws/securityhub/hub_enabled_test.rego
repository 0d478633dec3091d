package parapet.rules.aws.securityhub.hub_enabled_test

import data.parapet.rules.aws.securityhub.hub_enabled

hub(config) := {"resource": {"id": "arn:aws:parapet:eu-west-1:111122223333:security-hub", "type": "Parapet::SecurityHub::Hub", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": config}, "facts": {}}

pass_enabled := hub({"HubArn": "arn:aws:securityhub:eu-west-1:111122223333:hub/default", "SubscribedAt": "2024-01-01T00:00:00.000Z", "AutoEnableControls": true, "ControlFindingGenerator": "SECURITY_CONTROL"})

fail_disabled := hub({})

test_pass_when_enabled if {
	count(hub_enabled.deny) == 0 with input as pass_enabled
}

test_fail_when_disabled if {
	some f in hub_enabled.deny with input as fail_disabled
	contains(f.msg, "not enabled in region eu-west-1 of account 111122223333")
}
