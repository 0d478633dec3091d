package parapet.rules.azure.compute.managed_disks_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.compute.managed_disks as rule

vm(name, storage, security) := fx.res("microsoft.compute/virtualmachines", name, {"properties": {
	"vmId": "3f1c2b9a-0d4e-4c7b-9a51-2d1e8f7a6b5c",
	"hardwareProfile": {"vmSize": "Standard_D4s_v5"},
	"storageProfile": storage,
	"securityProfile": security,
	"osProfile": {"computerName": name, "adminUsername": "azureuser"},
}})

managed_os := {"osDisk": {"osType": "Linux", "name": "osdisk", "createOption": "FromImage", "managedDisk": {"storageAccountType": "Premium_LRS", "id": "/subscriptions/x/resourcegroups/rg-prod/providers/microsoft.compute/disks/osdisk"}}, "dataDisks": []}

vhd_os := {"osDisk": {"osType": "Windows", "name": "legacy-os", "createOption": "FromImage", "vhd": {"uri": "https://stvhds.blob.core.windows.net/vhds/legacy-os.vhd"}}, "dataDisks": []}

vhd_data := object.union(managed_os, {"dataDisks": [{"lun": 0, "name": "data0", "createOption": "Empty", "vhd": {"uri": "https://stvhds.blob.core.windows.net/vhds/data0.vhd"}}]})

fail_unmanaged_os := fx.rin(vm("vm-legacy", vhd_os, {}), {})

fail_unmanaged_data := fx.rin(vm("vm-mixed", vhd_data, {}), {})

pass_managed := fx.rin(vm("vm-app-01", managed_os, {}), {})

test_unmanaged_os_disk_fails if count(rule.deny) == 1 with input as fail_unmanaged_os

test_unmanaged_data_disk_fails if count(rule.deny) == 1 with input as fail_unmanaged_data

test_managed_passes if count(rule.deny) == 0 with input as pass_managed

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_unmanaged_data
	contains(f.msg, "vm-mixed")
	contains(f.msg, "data0")
}
