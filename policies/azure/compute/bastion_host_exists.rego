# METADATA
# title: "An Azure Bastion host exists for the subscription's virtual machines"
# description: "Azure Bastion gives RDP and SSH to virtual machines over TLS from the portal without exposing their management ports or public IPs to the Internet."
# custom:
#   id: azure.compute.bastion_host_exists
#   severity: low
#   resource_types: ["microsoft.network/bastionhosts", "microsoft.compute/virtualmachines"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["7.1"]
#     pci-dss-4.0: ["1.4.1", "2.2.7"]
#     hipaa: ["164.312(e)(1)"]
#     nist-800-53-r5: ["AC-17", "SC-7"]
#   remediation:
#     text: "Deploy Azure Bastion in the virtual networks that hold the machines and remove direct RDP/SSH exposure."
#     cli: "az network bastion create --name <name> --resource-group <rg> --vnet-name <vnet> --public-ip-address <pip> --location <region>"
package parapet.rules.azure.compute.bastion_host_exists

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(azure.subscription_id(input.account), msg, {"bastionHosts": 0, "virtualMachines": count(vms)}) if {
	vms := azure.resources_of(input, "microsoft.compute/virtualmachines")
	count(vms) > 0
	count(azure.resources_of(input, "microsoft.network/bastionhosts")) == 0
	msg := sprintf("subscription %s has %d virtual machines and no Azure Bastion host", [input.account.id, count(vms)])
}
