package parapet.rules.azure.compute.bastion_host_exists_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.compute.bastion_host_exists as rule

vm(name, storage, security) := fx.res("microsoft.compute/virtualmachines", name, {"properties": {
	"vmId": "3f1c2b9a-0d4e-4c7b-9a51-2d1e8f7a6b5c",
	"hardwareProfile": {"vmSize": "Standard_D4s_v5"},
	"storageProfile": storage,
	"securityProfile": security,
	"osProfile": {"computerName": name, "adminUsername": "azureuser"},
}})

managed_os := {"osDisk": {"osType": "Linux", "name": "osdisk", "createOption": "FromImage", "managedDisk": {"storageAccountType": "Premium_LRS", "id": "/subscriptions/x/resourcegroups/rg-prod/providers/microsoft.compute/disks/osdisk"}}, "dataDisks": []}

bastion := fx.res("microsoft.network/bastionhosts", "bas-hub", {"sku": {"name": "Standard"}, "properties": {"ipConfigurations": []}})

fail_no_bastion := fx.ain({"microsoft.compute/virtualmachines": [vm("vm-app-01", managed_os, {})], "microsoft.network/bastionhosts": []})

pass_bastion := fx.ain({"microsoft.compute/virtualmachines": [vm("vm-app-01", managed_os, {})], "microsoft.network/bastionhosts": [bastion]})

pass_no_vms := fx.ain({"microsoft.compute/virtualmachines": [], "microsoft.network/bastionhosts": []})

test_vms_without_bastion_fail if count(rule.deny) == 1 with input as fail_no_bastion

test_bastion_passes if count(rule.deny) == 0 with input as pass_bastion

test_no_vms_pass if count(rule.deny) == 0 with input as pass_no_vms

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_no_bastion
	contains(f.msg, "0000")
	contains(f.msg, "1 virtual machines")
}
