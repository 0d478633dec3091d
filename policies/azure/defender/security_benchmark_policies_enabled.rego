# METADATA
# title: "Microsoft Cloud Security Benchmark policies are assigned and none is Disabled"
# description: "Defender for Cloud's recommendations come from the Microsoft Cloud Security Benchmark initiative; an unassigned initiative, or an effect parameter set to Disabled, silently removes those checks."
# custom:
#   id: azure.defender.security_benchmark_policies_enabled
#   severity: medium
#   resource_types: ["microsoft.authorization/policyassignments"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.13"]
#     pci-dss-4.0: ["2.2.1", "11.5.1"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["CA-7", "CM-6"]
#   remediation:
#     text: "Assign the Microsoft Cloud Security Benchmark initiative to the subscription and set no policy effect parameter to Disabled."
package parapet.rules.azure.defender.security_benchmark_policies_enabled

import data.parapet.lib
import data.parapet.lib.azure

benchmark_initiative := "/providers/microsoft.authorization/policysetdefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8"

assignments := [a |
	some a in azure.resources_of(input, "microsoft.authorization/policyassignments")
	lower(object.get(azure.props(a), "policyDefinitionId", "")) == benchmark_initiative
]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"policyDefinitionId": benchmark_initiative}) if {
	count(assignments) == 0
	msg := sprintf("subscription %s has no assignment of the Microsoft Cloud Security Benchmark initiative", [input.account.id])
}

deny contains lib.finding(a, msg, {"parameter": name, "value": "Disabled"}) if {
	some a in assignments
	some name, parameter in object.get(azure.props(a), "parameters", {})
	parameter.value == "Disabled"
	msg := sprintf("policy assignment %s disables benchmark policy parameter %s (value Disabled)", [a.name, name])
}
