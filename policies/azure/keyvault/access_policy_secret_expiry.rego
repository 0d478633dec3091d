# METADATA
# title: "Every enabled secret in access-policy (non-RBAC) key vaults has an expiration date"
# description: "A secret with an expiration date stops being usable when its cryptoperiod ends, forcing rotation; one without lives forever."
# custom:
#   id: azure.keyvault.access_policy_secret_expiry
#   severity: medium
#   resource_types: ["microsoft.keyvault/vaults"]
#   scope: resource
#   facts: ["parapet.azure/keyvaultsecret"]
#   frameworks:
#     cis-azure-2.1.0: ["8.4"]
#     pci-dss-4.0: ["8.3.9", "8.6.3"]
#     hipaa: ["164.308(a)(5)(ii)(D)"]
#     nist-800-53-r5: ["SC-12", "IA-5"]
#   remediation:
#     text: "Set an expiration date on every enabled secret."
#     cli: "az keyvault secret set-attributes --vault-name <vault> --name <secret> --expires <UTC date>"
package parapet.rules.azure.keyvault.access_policy_secret_expiry

import data.parapet.lib
import data.parapet.lib.azure

items := azure.input_keyvault_secrets

deny contains lib.finding(input.resource, msg, {"secret": item.name, "exp": null}) if {
	not azure.props(input.resource).enableRbacAuthorization == true
	some item in items
	attributes := object.get(item, ["config", "properties", "attributes"], {})
	object.get(attributes, "enabled", true) == true
	not attributes.exp
	msg := sprintf("key vault %s: enabled secret %s has no expiration date", [input.resource.name, item.name])
}
