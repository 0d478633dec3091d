# METADATA
# title: "Every enabled key in RBAC key vaults has an expiration date"
# description: "A key with an expiration date stops being usable when its cryptoperiod ends, forcing rotation; one without lives forever."
# custom:
#   id: azure.keyvault.rbac_key_expiry
#   severity: medium
#   resource_types: ["microsoft.keyvault/vaults"]
#   scope: resource
#   facts: ["parapet.azure/keyvaultkey"]
#   frameworks:
#     cis-azure-2.1.0: ["8.1"]
#     pci-dss-4.0: ["3.6.1", "3.7.4"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-12", "IA-5"]
#   remediation:
#     text: "Set an expiration date on every enabled key."
#     cli: "az keyvault key set-attributes --vault-name <vault> --name <key> --expires <UTC date>"
package parapet.rules.azure.keyvault.rbac_key_expiry

import data.parapet.lib
import data.parapet.lib.azure

items := azure.input_keyvault_keys

deny contains lib.finding(input.resource, msg, {"key": item.name, "exp": null}) if {
	azure.props(input.resource).enableRbacAuthorization == true
	some item in items
	attributes := object.get(item, ["config", "properties", "attributes"], {})
	object.get(attributes, "enabled", true) == true
	not attributes.exp
	msg := sprintf("key vault %s: enabled key %s has no expiration date", [input.resource.name, item.name])
}
