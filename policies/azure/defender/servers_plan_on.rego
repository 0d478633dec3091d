# METADATA
# title: "Microsoft Defender for Servers is on"
# description: "The Defender for Servers plan (pricing VirtualMachines) detects threats and misconfigurations on those resources and raises security alerts; on the Free tier none of that runs."
# custom:
#   id: azure.defender.servers_plan_on
#   severity: medium
#   resource_types: ["microsoft.security/pricings"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.1"]
#     pci-dss-4.0: ["5.2.1", "5.3.1", "11.5.1"]
#     hipaa: ["164.308(a)(5)(ii)(B)", "164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["SI-3", "SI-4", "RA-5"]
#   remediation:
#     text: "Turn on the Defender for Servers plan in Defender for Cloud > Environment settings."
#     cli: "az security pricing create --name VirtualMachines --tier Standard"
package parapet.rules.azure.defender.servers_plan_on

import data.parapet.lib
import data.parapet.lib.azure

plan := "VirtualMachines"

deny contains lib.finding(azure.subscription_id(input.account), msg, {"pricing": plan, "pricingTier": tier}) if {
	tier := azure.pricing_tier(input, plan)
	tier != "Standard"
	msg := sprintf("subscription %s: Microsoft Defender for Servers is off (pricing %s is %s)", [input.account.id, plan, tier])
}
