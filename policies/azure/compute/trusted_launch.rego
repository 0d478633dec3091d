# METADATA
# title: "Virtual machine uses Trusted Launch with Secure Boot and vTPM"
# description: "Trusted Launch with Secure Boot and a virtual TPM blocks boot kits and rootkits and lets the boot chain be attested."
# custom:
#   id: azure.compute.trusted_launch
#   severity: medium
#   resource_types: ["microsoft.compute/virtualmachines"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["7.9"]
#     pci-dss-4.0: ["2.2.1"]
#     hipaa: ["164.312(c)(1)"]
#     nist-800-53-r5: ["SI-7", "CM-6"]
#   remediation:
#     text: "Enable Trusted Launch (security type TrustedLaunch, Secure Boot and vTPM on) on the virtual machine."
#     cli: "az vm update --resource-group <rg> --name <vm> --security-type TrustedLaunch --enable-secure-boot true --enable-vtpm true"
package parapet.rules.azure.compute.trusted_launch

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"securityType": type, "secureBootEnabled": secure_boot, "vTpmEnabled": vtpm}) if {
	profile := object.get(azure.props(input.resource), "securityProfile", {})
	type := object.get(profile, "securityType", "Standard")
	secure_boot := object.get(profile, ["uefiSettings", "secureBootEnabled"], false)
	vtpm := object.get(profile, ["uefiSettings", "vTpmEnabled"], false)
	not trusted(type, secure_boot, vtpm)
	msg := concat("", ["virtual machine ", lib.fmt_s(input.resource.name), " lacks Trusted Launch: securityType ", lib.fmt_s(type), ", secureBootEnabled ", azure.text(secure_boot), ", vTpmEnabled ", azure.text(vtpm)])
}

trusted(type, true, true) if type in {"TrustedLaunch", "ConfidentialVM"}
