# METADATA
# title: Persistent disks are encrypted with customer-supplied keys
# description: >-
#   CIS GCP 4.7: with a customer-supplied encryption key (CSEK) Google cannot decrypt
#   the disk without the key the customer provides with each request.
# custom:
#   id: gcp.compute.disk_csek
#   severity: medium
#   resource_types: [compute.googleapis.com/Disk]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.7"]
#     pci-dss-4.0: ["3.5.1", "3.6.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "SC-12"]
#   remediation:
#     text: "Create the disk (from a snapshot of the old one) with --csek-key-file and attach it instead."
#     cli: "gcloud compute disks create DISK --source-snapshot=SNAPSHOT --csek-key-file=keys.json"
package parapet.rules.gcp.compute.disk_csek

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("disk %s is not encrypted with a customer-supplied key (%s)", [input.resource.config.name, kind]),
	{"diskEncryptionKey": object.get(input.resource.config, "diskEncryptionKey", null)},
) if {
	not input.resource.config.diskEncryptionKey.sha256
	kind := key_kind(input.resource.config)
}

key_kind(cfg) := "customer-managed KMS key" if cfg.diskEncryptionKey.kmsKeyName

key_kind(cfg) := "Google-managed key" if not cfg.diskEncryptionKey.kmsKeyName
