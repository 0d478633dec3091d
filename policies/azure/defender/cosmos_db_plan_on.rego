# METADATA
# title: "Microsoft Defender for Azure Cosmos DB is on"
# description: "The Defender for Azure Cosmos DB plan (pricing CosmosDbs) detects threats and misconfigurations on those resources and raises security alerts; on the Free tier none of that runs."
# custom:
#   id: azure.defender.cosmos_db_plan_on
#   severity: medium
#   resource_types: ["microsoft.security/pricings"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.6"]
#     pci-dss-4.0: ["11.5.1"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["SI-4"]
#   remediation:
#     text: "Turn on the Defender for Azure Cosmos DB plan in Defender for Cloud > Environment settings."
#     cli: "az security pricing create --name CosmosDbs --tier Standard"
package parapet.rules.azure.defender.cosmos_db_plan_on

import data.parapet.lib
import data.parapet.lib.azure

plan := "CosmosDbs"

deny contains lib.finding(azure.subscription_id(input.account), msg, {"pricing": plan, "pricingTier": tier}) if {
	tier := azure.pricing_tier(input, plan)
	tier != "Standard"
	msg := sprintf("subscription %s: Microsoft Defender for Azure Cosmos DB is off (pricing %s is %s)", [input.account.id, plan, tier])
}
