package parapet.rules.azure.compute.unattached_disks_cmk_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.compute.unattached_disks_cmk as rule

disk(name, state, enc) := fx.res("microsoft.compute/disks", name, {"sku": {"name": "Premium_LRS"}, "properties": {"diskSizeGB": 128, "diskState": state, "encryption": enc}})

cmk := {"type": "EncryptionAtRestWithCustomerKey", "diskEncryptionSetId": "/subscriptions/x/resourcegroups/rg-keys/providers/microsoft.compute/diskencryptionsets/des-prod"}

platform := {"type": "EncryptionAtRestWithPlatformKey"}

fail_platform := fx.rin(disk("orphan-data", "Unattached", platform), {})

pass_cmk := fx.rin(disk("orphan-data", "Unattached", cmk), {})

pass_attached_is_other_rule := fx.rin(disk("vm-app-01_OsDisk", "Attached", platform), {})

test_platform_key_fails if count(rule.deny) == 1 with input as fail_platform

test_cmk_passes if count(rule.deny) == 0 with input as pass_cmk

test_attached_disk_is_not_judged_here if count(rule.deny) == 0 with input as pass_attached_is_other_rule

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_platform
	contains(f.msg, "orphan-data")
	contains(f.msg, "Unattached")
	contains(f.msg, "EncryptionAtRestWithPlatformKey")
}
