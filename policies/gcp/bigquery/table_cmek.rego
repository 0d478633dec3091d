# METADATA
# title: BigQuery tables are encrypted with customer-managed keys
# description: >-
#   CIS GCP 7.2: a customer-managed Cloud KMS key lets the organization control, rotate,
#   audit and revoke access to the key protecting the table.
# custom:
#   id: gcp.bigquery.table_cmek
#   severity: medium
#   resource_types: [bigquery.googleapis.com/Table]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["7.2"]
#     pci-dss-4.0: ["3.5.1", "3.6.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "SC-12"]
#   remediation:
#     text: "Copy the table to one encrypted with a Cloud KMS key (bq cp --destination_kms_key) and replace the original."
#     cli: "bq cp --destination_kms_key=projects/P/locations/L/keyRings/R/cryptoKeys/K DATASET.TABLE DATASET.TABLE"
package parapet.rules.gcp.bigquery.table_cmek

import data.parapet.lib

# Views and external tables hold no data of their own.
stores_data(cfg) if object.get(cfg, "type", "TABLE") in {"TABLE", "MATERIALIZED_VIEW", "SNAPSHOT"}

deny contains lib.finding(
	input.resource,
	sprintf("BigQuery table %s is encrypted with a Google-managed key, not a customer-managed one", [input.resource.name]),
	{"encryptionConfiguration": null},
) if {
	stores_data(input.resource.config)
	not input.resource.config.encryptionConfiguration.kmsKeyName
}
