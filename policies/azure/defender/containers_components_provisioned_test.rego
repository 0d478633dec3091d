package parapet.rules.azure.defender.containers_components_provisioned_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.containers_components_provisioned as rule

containers(tier, extensions) := fx.sub_res("microsoft.security/pricings", "Containers", {"properties": {"pricingTier": tier, "extensions": extensions}})

on(name) := {"name": name, "isEnabled": "True"}

fail_plan_off := fx.ain({"microsoft.security/pricings": [containers("Free", [])]})

fail_sensor_off := fx.ain({"microsoft.security/pricings": [containers("Standard", [on("AgentlessDiscoveryForKubernetes"), {"name": "ContainerSensor", "isEnabled": "False"}])]})

pass_all_on := fx.ain({"microsoft.security/pricings": [containers("Standard", [on("ContainerRegistriesVulnerabilityAssessments"), on("AgentlessDiscoveryForKubernetes"), on("ContainerSensor")])]})

test_plan_off_fails if count(rule.deny) == 1 with input as fail_plan_off

test_disabled_component_fails if count(rule.deny) == 1 with input as fail_sensor_off

test_all_components_pass if count(rule.deny) == 0 with input as pass_all_on

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_sensor_off
	contains(f.msg, "ContainerSensor")
	contains(f.msg, "False")
}
