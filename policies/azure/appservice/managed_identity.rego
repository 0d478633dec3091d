# METADATA
# title: "App Service has a managed identity (registered with Entra ID)"
# description: "A managed identity lets the app reach Key Vault, storage and databases with Entra ID tokens instead of secrets kept in its settings."
# custom:
#   id: azure.appservice.managed_identity
#   severity: medium
#   resource_types: ["microsoft.web/sites"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["9.4"]
#     pci-dss-4.0: ["8.6.3"]
#     hipaa: ["164.312(d)"]
#     nist-800-53-r5: ["IA-2", "IA-5"]
#   remediation:
#     text: "Turn on a system-assigned managed identity (or attach a user-assigned one)."
#     cli: "az webapp identity assign --resource-group <rg> --name <app>"
package parapet.rules.azure.appservice.managed_identity

import data.parapet.lib

deny contains lib.finding(input.resource, msg, {"identity.type": type}) if {
	type := object.get(input.resource, ["config", "identity", "type"], "None")
	not contains(lower(type), "assigned")
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), " has no managed identity: identity.type is ", lib.fmt_s(type)])
}
