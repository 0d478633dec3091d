# METADATA
# title: "Key vault uses Azure RBAC for data-plane access"
# description: "Azure RBAC gives per-key, per-secret permissions, PIM and central review, where vault access policies grant vault-wide rights that any Contributor can change."
# custom:
#   id: azure.keyvault.rbac_authorization
#   severity: low
#   resource_types: ["microsoft.keyvault/vaults"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["8.6"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     hipaa: ["164.308(a)(4)(ii)(B)"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#   remediation:
#     text: "Switch the vault permission model to Azure role-based access control after granting the needed roles."
#     cli: "az keyvault update --name <vault> --resource-group <rg> --enable-rbac-authorization true"
package parapet.rules.azure.keyvault.rbac_authorization

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"enableRbacAuthorization": value}) if {
	value := object.get(azure.props(input.resource), "enableRbacAuthorization", false)
	value != true
	msg := concat("", ["key vault ", lib.fmt_s(input.resource.name), " uses access policies: enableRbacAuthorization is ", azure.text(value)])
}
