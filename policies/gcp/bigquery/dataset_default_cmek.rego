# METADATA
# title: BigQuery datasets set a default customer-managed key
# description: >-
#   CIS GCP 7.3: a default customer-managed encryption key on the dataset makes every
#   new table in it use that key.
# custom:
#   id: gcp.bigquery.dataset_default_cmek
#   severity: medium
#   resource_types: [bigquery.googleapis.com/Dataset]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["7.3"]
#     pci-dss-4.0: ["3.5.1", "3.6.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "SC-12"]
#   remediation:
#     text: "Set the dataset's default KMS key."
#     cli: "bq update --default_kms_key=projects/P/locations/L/keyRings/R/cryptoKeys/K PROJECT:DATASET"
package parapet.rules.gcp.bigquery.dataset_default_cmek

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("BigQuery dataset %s has no default customer-managed encryption key (defaultEncryptionConfiguration %v)", [input.resource.name, object.get(input.resource.config, "defaultEncryptionConfiguration", null)]),
	{"defaultEncryptionConfiguration": object.get(input.resource.config, "defaultEncryptionConfiguration", null)},
) if {
	not input.resource.config.defaultEncryptionConfiguration.kmsKeyName
}
