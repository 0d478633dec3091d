# METADATA
# title: "Unattached disks are encrypted with a customer-managed key"
# description: "Unattached disks often hold leftover data of deleted machines; a customer-managed key keeps control of it."
# custom:
#   id: azure.compute.unattached_disks_cmk
#   severity: medium
#   resource_types: ["microsoft.compute/disks"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["7.4"]
#     pci-dss-4.0: ["3.5.1", "3.6.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-12", "SC-28(1)"]
#   remediation:
#     text: "Encrypt the disk with a disk encryption set that uses a Key Vault key."
#     cli: "az disk update --resource-group <rg> --name <disk> --encryption-type EncryptionAtRestWithCustomerKey --disk-encryption-set <des id>"
package parapet.rules.azure.compute.unattached_disks_cmk

import data.parapet.lib
import data.parapet.lib.azure

cmk_types := {"EncryptionAtRestWithCustomerKey", "EncryptionAtRestWithPlatformAndCustomerKeys"}

deny contains lib.finding(input.resource, msg, {"diskState": state, "encryption.type": type}) if {
	state := object.get(azure.props(input.resource), "diskState", "Unattached")
	state == "Unattached"
	type := object.get(azure.props(input.resource), ["encryption", "type"], "EncryptionAtRestWithPlatformKey")
	not type in cmk_types
	msg := concat("", ["unattached disk ", lib.fmt_s(input.resource.name), " (state ", lib.fmt_s(state), ") is not encrypted with a customer-managed key: encryption.type is ", lib.fmt_s(type)])
}
