# METADATA
# title: "Defender for IoT protects the IoT hub"
# description: "An enabled IoT security solution that lists the hub makes Defender for IoT analyse its devices and raise security alerts and recommendations."
# custom:
#   id: azure.defender.iot_hub_protected
#   severity: medium
#   resource_types: ["microsoft.devices/iothubs"]
#   scope: resource
#   facts: ["microsoft.security/iotsecuritysolutions"]
#   frameworks:
#     cis-azure-2.1.0: ["2.2.1"]
#     pci-dss-4.0: ["11.5.1"]
#     hipaa: ["164.308(a)(1)(ii)(D)"]
#     nist-800-53-r5: ["SI-4"]
#   remediation:
#     text: "Enable Defender for IoT on the hub (IoT Hub > Defender for IoT > Secure your IoT solution)."
package parapet.rules.azure.defender.iot_hub_protected

import data.parapet.lib
import data.parapet.lib.azure

protected if {
	some solution in object.get(input, ["facts", "microsoft.security/iotsecuritysolutions"], [])
	p := azure.props(solution)
	object.get(p, "status", "Enabled") == "Enabled"
	some hub in object.get(p, "iotHubs", [])
	lower(hub) == lower(input.resource.id)
}

deny contains lib.finding(input.resource, msg, {"iotSecuritySolution": null}) if {
	not protected
	msg := sprintf("IoT hub %s is not covered by an enabled Defender for IoT security solution", [input.resource.name])
}
