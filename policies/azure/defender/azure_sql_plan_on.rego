# METADATA
# title: "Microsoft Defender for Azure SQL Databases is on"
# description: "The Defender for Azure SQL Databases plan (pricing SqlServers) detects threats and misconfigurations on those resources and raises security alerts; on the Free tier none of that runs."
# custom:
#   id: azure.defender.azure_sql_plan_on
#   severity: medium
#   resource_types: ["microsoft.security/pricings"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.3"]
#     pci-dss-4.0: ["11.5.1", "11.3.1"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["SI-4", "RA-5"]
#   remediation:
#     text: "Turn on the Defender for Azure SQL Databases plan in Defender for Cloud > Environment settings."
#     cli: "az security pricing create --name SqlServers --tier Standard"
package parapet.rules.azure.defender.azure_sql_plan_on

import data.parapet.lib
import data.parapet.lib.azure

plan := "SqlServers"

deny contains lib.finding(azure.subscription_id(input.account), msg, {"pricing": plan, "pricingTier": tier}) if {
	tier := azure.pricing_tier(input, plan)
	tier != "Standard"
	msg := sprintf("subscription %s: Microsoft Defender for Azure SQL Databases is off (pricing %s is %s)", [input.account.id, plan, tier])
}
