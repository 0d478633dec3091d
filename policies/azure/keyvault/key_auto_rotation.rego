# METADATA
# title: "Key vault keys rotate automatically"
# description: "A rotation policy with a Rotate action makes Key Vault create new key versions on schedule, so keys are not used past their cryptoperiod."
# custom:
#   id: azure.keyvault.key_auto_rotation
#   severity: medium
#   resource_types: ["microsoft.keyvault/vaults"]
#   scope: resource
#   facts: ["parapet.azure/keyvaultkey"]
#   frameworks:
#     cis-azure-2.1.0: ["8.8"]
#     pci-dss-4.0: ["3.7.4"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-12"]
#   remediation:
#     text: "Set a rotation policy with a Rotate lifetime action (for example 30 days before expiry) on each key."
#     cli: "az keyvault key rotation-policy update --vault-name <vault> --name <key> --value @rotation-policy.json"
package parapet.rules.azure.keyvault.key_auto_rotation

import data.parapet.lib
import data.parapet.lib.azure

rotates(key) if {
	some action in object.get(key, ["config", "properties", "rotationPolicy", "lifetimeActions"], [])
	lower(object.get(action, ["action", "type"], "")) == "rotate"
}

deny contains lib.finding(input.resource, msg, {"key": key.name, "rotationPolicy": object.get(key, ["config", "properties", "rotationPolicy"], null)}) if {
	some key in azure.input_keyvault_keys
	object.get(key, ["config", "properties", "attributes", "enabled"], true) == true
	not rotates(key)
	msg := sprintf("key vault %s: key %s has no automatic rotation (no Rotate lifetime action)", [input.resource.name, key.name])
}
