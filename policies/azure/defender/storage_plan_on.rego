# METADATA
# title: "Microsoft Defender for Storage is on"
# description: "The Defender for Storage plan (pricing StorageAccounts) detects threats and misconfigurations on those resources and raises security alerts; on the Free tier none of that runs."
# custom:
#   id: azure.defender.storage_plan_on
#   severity: medium
#   resource_types: ["microsoft.security/pricings"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.7"]
#     pci-dss-4.0: ["5.2.1", "11.5.1"]
#     hipaa: ["164.308(a)(5)(ii)(B)", "164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["SI-3", "SI-4"]
#   remediation:
#     text: "Turn on the Defender for Storage plan in Defender for Cloud > Environment settings."
#     cli: "az security pricing create --name StorageAccounts --tier Standard"
package parapet.rules.azure.defender.storage_plan_on

import data.parapet.lib
import data.parapet.lib.azure

plan := "StorageAccounts"

deny contains lib.finding(azure.subscription_id(input.account), msg, {"pricing": plan, "pricingTier": tier}) if {
	tier := azure.pricing_tier(input, plan)
	tier != "Standard"
	msg := sprintf("subscription %s: Microsoft Defender for Storage is off (pricing %s is %s)", [input.account.id, plan, tier])
}
