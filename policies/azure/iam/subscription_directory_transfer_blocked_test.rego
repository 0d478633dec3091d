package parapet.rules.azure.iam.subscription_directory_transfer_blocked_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.iam.subscription_directory_transfer_blocked as rule

policy(p) := {
	"id": "/providers/microsoft.subscription/policies/default",
	"provider": "azure",
	"type": "parapet.azure/subscriptionpolicy",
	"account": fx.sub,
	"region": "global",
	"name": "default",
	"tags": {},
	"config": {"id": "/providers/Microsoft.Subscription/policies/default", "name": "default", "type": "Microsoft.Subscription/policies", "properties": p},
}

fail_leaving_allowed := fx.ain({"parapet.azure/subscriptionpolicy": [policy({"blockSubscriptionsLeavingTenant": false, "blockSubscriptionsIntoTenant": true, "exemptedPrincipals": []})]})

fail_both_allowed := fx.ain({"parapet.azure/subscriptionpolicy": [policy({"policyId": "default"})]})

fail_not_collected := fx.ain({"parapet.azure/subscriptionpolicy": []})

pass_blocked := fx.ain({"parapet.azure/subscriptionpolicy": [policy({"blockSubscriptionsLeavingTenant": true, "blockSubscriptionsIntoTenant": true, "exemptedPrincipals": []})]})

test_leaving_allowed_fails if count(rule.deny) == 1 with input as fail_leaving_allowed

test_both_unset_fail_twice if count(rule.deny) == 2 with input as fail_both_allowed

test_not_collected_fails if count(rule.deny) == 1 with input as fail_not_collected

test_blocked_passes if count(rule.deny) == 0 with input as pass_blocked

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_leaving_allowed
	contains(f.msg, "0000")
	contains(f.msg, "blockSubscriptionsLeavingTenant")
	contains(f.msg, "false")
}
