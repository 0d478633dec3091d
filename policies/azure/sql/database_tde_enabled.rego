# METADATA
# title: "SQL database has transparent data encryption on"
# description: "Transparent data encryption encrypts the database, its backups and logs at rest, so stolen files or media do not expose the data."
# custom:
#   id: azure.sql.database_tde_enabled
#   severity: high
#   resource_types: ["microsoft.sql/servers/databases"]
#   scope: resource
#   facts: ["parapet.azure/sqldatabasetde"]
#   frameworks:
#     cis-azure-2.1.0: ["4.1.5"]
#     pci-dss-4.0: ["3.5.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#   remediation:
#     text: "Set 'Data encryption' (TDE) to On for the database."
#     cli: "az sql db tde set --resource-group <rg> --server <server> --database <db> --status Enabled"
package parapet.rules.azure.sql.database_tde_enabled

import data.parapet.lib
import data.parapet.lib.azure

tde := azure.children(object.get(input, ["facts", "parapet.azure/sqldatabasetde"], []), input.resource.id)

states := [object.get(t, ["config", "properties", "state"], "Disabled") | some t in tde]

deny contains lib.finding(input.resource, msg, {"tdeState": states}) if {
	lower(input.resource.name) != "master"
	not "Enabled" in states
	msg := concat("", ["SQL database ", lib.fmt_s(input.resource.name), " is not encrypted at rest: transparent data encryption state ", azure.text(states)])
}
