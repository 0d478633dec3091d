# METADATA
# title: "App Service sends its HTTP logs to Azure Monitor"
# description: "AppServiceHTTPLogs record every request to the app (client, URL, status), needed to investigate attacks against it."
# custom:
#   id: azure.appservice.http_logs
#   severity: medium
#   resource_types: ["microsoft.web/sites"]
#   scope: resource
#   facts: ["parapet.azure/diagnosticsetting"]
#   frameworks:
#     cis-azure-2.1.0: ["5.1.6"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Add a diagnostic setting on the app sending the AppServiceHTTPLogs category."
#     cli: "az monitor diagnostic-settings create --name http-logs --resource <app id> --workspace <workspace id> --logs '[{\"category\":\"AppServiceHTTPLogs\",\"enabled\":true}]'"
package parapet.rules.azure.appservice.http_logs

import data.parapet.lib
import data.parapet.lib.azure

settings := azure.input_diagnostic_settings(input.resource.id)

deny contains lib.finding(input.resource, msg, {"diagnosticSettings": [s.name | some s in settings]}) if {
	not azure.logs_enabled(settings, ["AppServiceHTTPLogs"])
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), " does not send AppServiceHTTPLogs (", format_int(count(settings), 10), " diagnostic settings)"])
}
