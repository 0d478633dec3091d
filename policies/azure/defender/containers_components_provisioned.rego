# METADATA
# title: "Defender for Containers components are provisioned automatically"
# description: "Defender for Containers needs its sensor, Azure Policy for Kubernetes and agentless discovery on each cluster; with the plan off or a component extension disabled, clusters run without runtime protection."
# custom:
#   id: azure.defender.containers_components_provisioned
#   severity: medium
#   resource_types: ["microsoft.security/pricings"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.16"]
#     pci-dss-4.0: ["11.5.1"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["SI-4", "CM-6"]
#   remediation:
#     text: "Turn on the Containers plan and enable all of its components (Settings & monitoring)."
#     cli: "az security pricing create --name Containers --tier Standard --extensions name=ContainerSensor isEnabled=True"
package parapet.rules.azure.defender.containers_components_provisioned

import data.parapet.lib
import data.parapet.lib.azure

containers := [p |
	some p in azure.resources_of(input, "microsoft.security/pricings")
	lower(object.get(p, ["config", "name"], p.name)) == "containers"
]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"pricing": "Containers", "pricingTier": tier}) if {
	tier := azure.pricing_tier(input, "Containers")
	tier != "Standard"
	msg := sprintf("subscription %s: Defender for Containers is %s, so its components are not provisioned", [input.account.id, tier])
}

deny contains lib.finding(azure.subscription_id(input.account), msg, {"extension": ext.name, "isEnabled": ext.isEnabled}) if {
	some p in containers
	object.get(azure.props(p), "pricingTier", "Free") == "Standard"
	some ext in object.get(azure.props(p), "extensions", [])
	lower(sprintf("%s", [azure.text(ext.isEnabled)])) == "false"
	msg := sprintf("subscription %s: Defender for Containers component %s is disabled (isEnabled %s)", [input.account.id, ext.name, azure.text(ext.isEnabled)])
}
