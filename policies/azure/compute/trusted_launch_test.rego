package parapet.rules.azure.compute.trusted_launch_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.compute.trusted_launch as rule

vm(name, storage, security) := fx.res("microsoft.compute/virtualmachines", name, {"properties": {
	"vmId": "3f1c2b9a-0d4e-4c7b-9a51-2d1e8f7a6b5c",
	"hardwareProfile": {"vmSize": "Standard_D4s_v5"},
	"storageProfile": storage,
	"securityProfile": security,
	"osProfile": {"computerName": name, "adminUsername": "azureuser"},
}})

managed_os := {"osDisk": {"osType": "Linux", "name": "osdisk", "createOption": "FromImage", "managedDisk": {"storageAccountType": "Premium_LRS", "id": "/subscriptions/x/resourcegroups/rg-prod/providers/microsoft.compute/disks/osdisk"}}, "dataDisks": []}

fail_standard := fx.rin(vm("vm-gen1", managed_os, {}), {})

fail_no_secure_boot := fx.rin(vm("vm-tl", managed_os, {"securityType": "TrustedLaunch", "uefiSettings": {"secureBootEnabled": false, "vTpmEnabled": true}}), {})

pass_trusted := fx.rin(vm("vm-tl", managed_os, {"securityType": "TrustedLaunch", "uefiSettings": {"secureBootEnabled": true, "vTpmEnabled": true}}), {})

test_standard_fails if count(rule.deny) == 1 with input as fail_standard

test_secure_boot_off_fails if count(rule.deny) == 1 with input as fail_no_secure_boot

test_trusted_launch_passes if count(rule.deny) == 0 with input as pass_trusted

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_no_secure_boot
	contains(f.msg, "vm-tl")
	contains(f.msg, "secureBootEnabled false")
}
