# METADATA
# title: "Storage account firewall lets trusted Azure services through"
# description: "With the AzureServices bypass, trusted Microsoft services (backup, monitoring, Defender) keep working when the firewall denies by default, so logging and protection are not silently broken."
# custom:
#   id: azure.storage.trusted_services_bypass
#   severity: low
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["3.9"]
#     pci-dss-4.0: ["1.2.1"]
#     nist-800-53-r5: ["SC-7", "CM-6"]
#   remediation:
#     text: "Enable 'Allow Azure services on the trusted services list to access this storage account'."
#     cli: "az storage account update --name <account> --resource-group <rg> --bypass AzureServices"
package parapet.rules.azure.storage.trusted_services_bypass

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"networkAcls.bypass": bypass}) if {
	bypass := object.get(azure.props(input.resource), ["networkAcls", "bypass"], "None")
	not "azureservices" in {lower(trim_space(b)) | some b in split(bypass, ",")}
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " does not let trusted Azure services bypass the firewall: networkAcls.bypass is ", lib.fmt_s(bypass)])
}
