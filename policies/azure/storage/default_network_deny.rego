# METADATA
# title: "Storage account firewall denies by default"
# description: "With the default network action set to Deny, only the virtual networks and IP ranges you list can reach the account; Allow opens it to any network."
# custom:
#   id: azure.storage.default_network_deny
#   severity: high
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.8"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["AC-3", "SC-7"]
#   remediation:
#     text: "Set the account's default network rule to Deny and allow the required networks explicitly."
#     cli: "az storage account update --name <account> --resource-group <rg> --default-action Deny"
package parapet.rules.azure.storage.default_network_deny

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"networkAcls.defaultAction": action}) if {
	object.get(azure.props(input.resource), "publicNetworkAccess", "Enabled") != "Disabled"
	action := object.get(azure.props(input.resource), ["networkAcls", "defaultAction"], "Allow")
	action != "Deny"
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " accepts traffic from any network: networkAcls.defaultAction is ", lib.fmt_s(action)])
}
