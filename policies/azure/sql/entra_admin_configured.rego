# METADATA
# title: "SQL server has a Microsoft Entra administrator"
# description: "An Entra administrator lets database access use central identities with MFA and conditional access instead of only SQL logins with passwords."
# custom:
#   id: azure.sql.entra_admin_configured
#   severity: medium
#   resource_types: ["microsoft.sql/servers"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["4.1.4"]
#     pci-dss-4.0: ["8.2.2", "8.3.1"]
#     hipaa: ["164.312(d)"]
#     nist-800-53-r5: ["IA-2", "AC-2"]
#   remediation:
#     text: "Set a Microsoft Entra admin (a group) for the server."
#     cli: "az sql server ad-admin create --resource-group <rg> --server-name <server> --display-name <group> --object-id <id>"
package parapet.rules.azure.sql.entra_admin_configured

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"administrators.administratorType": admin_type}) if {
	admin_type := object.get(azure.props(input.resource), ["administrators", "administratorType"], "none")
	admin_type != "ActiveDirectory"
	msg := concat("", ["SQL server ", lib.fmt_s(input.resource.name), " has no Microsoft Entra administrator (administratorType ", lib.fmt_s(admin_type), ")"])
}
