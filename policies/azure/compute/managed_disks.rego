# METADATA
# title: "Virtual machine uses managed disks"
# description: "Managed disks are encrypted at rest by default and are not reachable through a storage account key or SAS like unmanaged VHD blobs are."
# custom:
#   id: azure.compute.managed_disks
#   severity: medium
#   resource_types: ["microsoft.compute/virtualmachines"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["7.2"]
#     pci-dss-4.0: ["3.5.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "CM-6"]
#   remediation:
#     text: "Convert the virtual machine to managed disks."
#     cli: "az vm convert --resource-group <rg> --name <vm>"
package parapet.rules.azure.compute.managed_disks

import data.parapet.lib
import data.parapet.lib.azure

disks contains {"disk": "osDisk", "vhd": object.get(os_disk, ["vhd", "uri"], null)} if {
	os_disk := object.get(azure.props(input.resource), ["storageProfile", "osDisk"], {})
	not os_disk.managedDisk
}

disks contains {"disk": object.get(d, "name", sprintf("lun %s", [azure.text(object.get(d, "lun", "?"))])), "vhd": object.get(d, ["vhd", "uri"], null)} if {
	some d in object.get(azure.props(input.resource), ["storageProfile", "dataDisks"], [])
	not d.managedDisk
}

deny contains lib.finding(input.resource, msg, {"unmanagedDisks": disks}) if {
	count(disks) > 0
	msg := concat("", ["virtual machine ", lib.fmt_s(input.resource.name), " has unmanaged disks: ", azure.text([d.disk | some d in disks])])
}
