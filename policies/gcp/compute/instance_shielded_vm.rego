# METADATA
# title: VM instances run as Shielded VMs
# description: >-
#   CIS GCP 4.8: Shielded VM's vTPM and integrity monitoring detect boot-level and
#   kernel-level malware and tampering (Secure Boot blocks unsigned boot components).
# custom:
#   id: gcp.compute.instance_shielded_vm
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.8"]
#     pci-dss-4.0: ["11.5.2", "5.2.1"]
#     hipaa: ["164.312(c)(1)"]
#     nist-800-53-r5: ["SI-7", "SI-7(9)"]
#   remediation:
#     text: "Stop the instance, enable vTPM, integrity monitoring and Secure Boot, and start it again."
#     cli: "gcloud compute instances update INSTANCE --shielded-vtpm --shielded-vm-integrity-monitoring --shielded-secure-boot"
package parapet.rules.gcp.compute.instance_shielded_vm

import data.parapet.lib

required := ["enableVtpm", "enableIntegrityMonitoring"]

deny contains lib.finding(
	input.resource,
	sprintf("instance %s is not a fully Shielded VM (off: %s)", [input.resource.config.name, concat(", ", off)]),
	{"shieldedInstanceConfig": object.get(input.resource.config, "shieldedInstanceConfig", null)},
) if {
	off := [k | some k in required; not object.get(input.resource.config, ["shieldedInstanceConfig", k], false)]
	count(off) > 0
}
