# METADATA
# title: "Resource logs are collected for services that produce them"
# description: "Resource (data-plane) logs exist only when a diagnostic setting sends them somewhere; without one, the service's own record of access and operations is lost. Judged for the resource types listed, all of which emit resource logs."
# custom:
#   id: azure.monitor.resource_logging
#   severity: medium
#   resource_types: ["microsoft.keyvault/vaults", "microsoft.network/networksecuritygroups", "microsoft.network/applicationgateways", "microsoft.network/azurefirewalls", "microsoft.network/publicipaddresses", "microsoft.sql/servers/databases", "microsoft.documentdb/databaseaccounts", "microsoft.dbforpostgresql/flexibleservers", "microsoft.dbformysql/flexibleservers", "microsoft.web/sites", "microsoft.containerservice/managedclusters", "microsoft.containerregistry/registries", "microsoft.eventhub/namespaces", "microsoft.servicebus/namespaces", "microsoft.logic/workflows", "microsoft.apimanagement/service", "microsoft.recoveryservices/vaults", "microsoft.datafactory/factories", "microsoft.search/searchservices", "microsoft.cdn/profiles"]
#   scope: resource
#   facts: ["parapet.azure/diagnosticsetting"]
#   frameworks:
#     cis-azure-2.1.0: ["5.4"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Add a diagnostic setting on the resource sending its logs (categoryGroup allLogs or audit) to a Log Analytics workspace, storage account or Event Hub; an Azure Policy DeployIfNotExists assignment keeps new resources covered."
#     cli: "az monitor diagnostic-settings create --name resource-logs --resource <resource id> --workspace <workspace id> --logs '[{\"categoryGroup\":\"allLogs\",\"enabled\":true}]'"
package parapet.rules.azure.monitor.resource_logging

import data.parapet.lib
import data.parapet.lib.azure

settings := azure.input_diagnostic_settings(input.resource.id)

sends_logs(s) if {
	azure.has_destination(s)
	some log in object.get(s, ["config", "properties", "logs"], [])
	log.enabled == true
}

deny contains lib.finding(input.resource, msg, {"diagnosticSettings": [s.name | some s in settings]}) if {
	not any_sends_logs
	msg := concat("", [lib.fmt_s(input.resource.type), " ", lib.fmt_s(input.resource.name), " sends no resource logs (", format_int(count(settings), 10), " diagnostic settings, none with an enabled log category and a destination)"])
}

any_sends_logs if {
	some s in settings
	sends_logs(s)
}
