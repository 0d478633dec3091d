# METADATA
# title: "Storage Table service logs reads, writes and deletes"
# description: "Resource logs of the Table service (StorageRead, StorageWrite, StorageDelete) record who accessed or changed data, which an investigation needs. Read from the diagnostic settings of <account>/tableservices/default; classic Storage Analytics logging (data plane) is not collected."
# custom:
#   id: azure.storage.table_logging
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   facts: ["parapet.azure/diagnosticsetting"]
#   frameworks:
#     cis-azure-2.1.0: ["3.14"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Add a diagnostic setting on the Table service that sends StorageRead, StorageWrite and StorageDelete logs to a Log Analytics workspace or storage account."
#     cli: "az monitor diagnostic-settings create --name table-logs --resource <account id>/tableServices/default --workspace <workspace id> --logs '[{\"category\":\"StorageRead\",\"enabled\":true},{\"category\":\"StorageWrite\",\"enabled\":true},{\"category\":\"StorageDelete\",\"enabled\":true}]'"
package parapet.rules.azure.storage.table_logging

import data.parapet.lib
import data.parapet.lib.azure

categories := ["StorageRead", "StorageWrite", "StorageDelete"]

kinds_without_service := ["BlobStorage", "BlockBlobStorage", "FileStorage"]

service_id := concat("/", [input.resource.id, "tableservices", "default"])

deny contains lib.finding(input.resource, msg, {"service": service_id, "missing": missing}) if {
	not object.get(input.resource, ["config", "kind"], "") in kinds_without_service
	settings := azure.input_diagnostic_settings(service_id)
	missing := [c | some c in categories; not azure.logs_enabled(settings, [c])]
	count(missing) > 0
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " does not log Table requests: ", azure.text(missing), " not sent by any diagnostic setting"])
}
