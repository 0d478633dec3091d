package parapet.rules.azure.compute.os_data_disks_cmk_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.compute.os_data_disks_cmk as rule

disk(name, state, enc) := fx.res("microsoft.compute/disks", name, {"sku": {"name": "Premium_LRS"}, "properties": {"diskSizeGB": 128, "diskState": state, "encryption": enc}})

cmk := {"type": "EncryptionAtRestWithCustomerKey", "diskEncryptionSetId": "/subscriptions/x/resourcegroups/rg-keys/providers/microsoft.compute/diskencryptionsets/des-prod"}

platform := {"type": "EncryptionAtRestWithPlatformKey"}

fail_platform := fx.rin(disk("vm-app-01_OsDisk", "Attached", platform), {})

fail_reserved := fx.rin(disk("vm-app-02_OsDisk", "Reserved", platform), {})

pass_cmk := fx.rin(disk("vm-app-01_OsDisk", "Attached", cmk), {})

pass_double := fx.rin(disk("vm-app-01_data", "Attached", {"type": "EncryptionAtRestWithPlatformAndCustomerKeys"}), {})

pass_unattached_is_other_rule := fx.rin(disk("old", "Unattached", platform), {})

test_platform_key_fails if count(rule.deny) == 1 with input as fail_platform

test_reserved_disk_fails if count(rule.deny) == 1 with input as fail_reserved

test_cmk_passes if count(rule.deny) == 0 with input as pass_cmk

test_platform_and_customer_keys_pass if count(rule.deny) == 0 with input as pass_double

test_unattached_disk_is_not_judged_here if count(rule.deny) == 0 with input as pass_unattached_is_other_rule

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_platform
	contains(f.msg, "vm-app-01_OsDisk")
	contains(f.msg, "EncryptionAtRestWithPlatformKey")
}
