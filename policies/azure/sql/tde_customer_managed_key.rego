# METADATA
# title: "SQL server's TDE protector is a customer-managed key"
# description: "With a customer-managed TDE protector in Key Vault you control the key that wraps every database encryption key, and can rotate or revoke it."
# custom:
#   id: azure.sql.tde_customer_managed_key
#   severity: medium
#   resource_types: ["microsoft.sql/servers"]
#   scope: resource
#   facts: ["parapet.azure/sqlserverencryptionprotector"]
#   frameworks:
#     cis-azure-2.1.0: ["4.1.3"]
#     pci-dss-4.0: ["3.5.1", "3.6.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-12", "SC-28(1)"]
#   remediation:
#     text: "Set the TDE protector to a Key Vault key."
#     cli: "az sql server tde-key set --resource-group <rg> --server <server> --server-key-type AzureKeyVault --kid <key id>"
package parapet.rules.azure.sql.tde_customer_managed_key

import data.parapet.lib
import data.parapet.lib.azure

protectors := azure.children(object.get(input, ["facts", "parapet.azure/sqlserverencryptionprotector"], []), input.resource.id)

key_types := [object.get(p, ["config", "properties", "serverKeyType"], "ServiceManaged") | some p in protectors]

deny contains lib.finding(input.resource, msg, {"serverKeyType": key_types}) if {
	not "AzureKeyVault" in key_types
	msg := concat("", ["SQL server ", lib.fmt_s(input.resource.name), " TDE protector is not a customer-managed key: serverKeyType ", azure.text(key_types)])
}
