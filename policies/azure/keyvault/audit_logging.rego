# METADATA
# title: "Key Vault audit events are logged"
# description: "AuditEvent logs record every access to keys, secrets and certificates (who, when, from where); without them misuse of a vault cannot be traced."
# custom:
#   id: azure.keyvault.audit_logging
#   severity: high
#   resource_types: ["microsoft.keyvault/vaults"]
#   scope: resource
#   facts: ["parapet.azure/diagnosticsetting"]
#   frameworks:
#     cis-azure-2.1.0: ["5.1.4"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Add a diagnostic setting on the vault sending the AuditEvent category (or the audit / allLogs group) to a workspace or storage account."
#     cli: "az monitor diagnostic-settings create --name kv-audit --resource <vault id> --workspace <workspace id> --logs '[{\"categoryGroup\":\"audit\",\"enabled\":true}]'"
package parapet.rules.azure.keyvault.audit_logging

import data.parapet.lib
import data.parapet.lib.azure

settings := azure.input_diagnostic_settings(input.resource.id)

deny contains lib.finding(input.resource, msg, {"diagnosticSettings": [s.name | some s in settings]}) if {
	not azure.logs_enabled(settings, ["AuditEvent"])
	msg := concat("", ["key vault ", lib.fmt_s(input.resource.name), " does not log AuditEvent (", format_int(count(settings), 10), " diagnostic settings, none sends AuditEvent)"])
}
