# METADATA
# title: "Blob and container soft delete are enabled"
# description: "Soft delete keeps deleted blobs and containers for a retention period, so accidental or malicious deletion can be undone."
# custom:
#   id: azure.storage.blob_soft_delete
#   severity: medium
#   resource_types: ["microsoft.storage/storageaccounts"]
#   scope: resource
#   facts: ["parapet.azure/storageblobservice"]
#   frameworks:
#     cis-azure-2.1.0: ["3.11"]
#     hipaa: ["164.308(a)(7)(ii)(A)", "164.312(c)(1)"]
#     nist-800-53-r5: ["CP-9", "SI-7"]
#   remediation:
#     text: "Enable soft delete for blobs and for containers (7 days or more) on the blob service."
#     cli: "az storage account blob-service-properties update --account-name <account> --resource-group <rg> --enable-delete-retention true --delete-retention-days 7 --enable-container-delete-retention true --container-delete-retention-days 7"
package parapet.rules.azure.storage.blob_soft_delete

import data.parapet.lib
import data.parapet.lib.azure

kinds_without_blobs := {"FileStorage"}

policies := ["deleteRetentionPolicy", "containerDeleteRetentionPolicy"]

blob_services := azure.children(object.get(input, ["facts", "parapet.azure/storageblobservice"], []), input.resource.id)

deny contains lib.finding(input.resource, msg, {"blobServices": "not collected"}) if {
	not object.get(input.resource, ["config", "kind"], "") in kinds_without_blobs
	count(blob_services) == 0
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), ": blob service properties were not collected, soft delete cannot be confirmed"])
}

deny contains lib.finding(input.resource, msg, {name: policy}) if {
	some service in blob_services
	some name in policies
	policy := object.get(service, ["config", "properties", name], {"enabled": false})
	policy.enabled != true
	msg := concat("", ["storage account ", lib.fmt_s(input.resource.name), " has ", lib.fmt_s(name), " disabled on its blob service (", azure.text(policy), ")"])
}
