package parapet.rules.azure.defender.dns_plan_on_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.dns_plan_on as rule

pricing(plan, tier) := fx.sub_res("microsoft.security/pricings", plan, {"properties": {"pricingTier": tier, "freeTrialRemainingTime": "PT0S"}})

fail_free := fx.ain({"microsoft.security/pricings": [pricing("Dns", "Free"), pricing("Other", "Standard")]})

fail_absent := fx.ain({"microsoft.security/pricings": []})

pass_standard := fx.ain({"microsoft.security/pricings": [pricing("Dns", "Standard")]})

test_free_tier_fails if count(rule.deny) == 1 with input as fail_free

test_absent_plan_fails if count(rule.deny) == 1 with input as fail_absent

test_standard_tier_passes if count(rule.deny) == 0 with input as pass_standard

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_free
	contains(f.msg, "Dns")
	contains(f.msg, "Free")
	contains(f.msg, "subscription 0000")
}
