# METADATA
# title: "Key vault is recoverable (soft delete and purge protection)"
# description: "Soft delete keeps deleted vaults and objects for a retention period and purge protection stops anyone from purging them early, so a malicious or mistaken deletion of keys cannot destroy data encrypted with them."
# custom:
#   id: azure.keyvault.recoverable
#   severity: medium
#   resource_types: ["microsoft.keyvault/vaults"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["8.5"]
#     pci-dss-4.0: ["3.6.1"]
#     hipaa: ["164.308(a)(7)(ii)(A)", "164.312(c)(1)"]
#     nist-800-53-r5: ["CP-9", "SC-12"]
#   remediation:
#     text: "Enable purge protection (soft delete is on by default and cannot be turned off on current vaults)."
#     cli: "az keyvault update --name <vault> --resource-group <rg> --enable-purge-protection true"
package parapet.rules.azure.keyvault.recoverable

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"enableSoftDelete": soft, "enablePurgeProtection": purge}) if {
	p := azure.props(input.resource)
	soft := object.get(p, "enableSoftDelete", false)
	purge := object.get(p, "enablePurgeProtection", false)
	not recoverable(soft, purge)
	msg := concat("", ["key vault ", lib.fmt_s(input.resource.name), " is not recoverable: enableSoftDelete ", azure.text(soft), ", enablePurgeProtection ", azure.text(purge)])
}

recoverable(true, true)
