# METADATA
# title: Dataproc clusters encrypt disks with customer-managed keys
# description: >-
#   CIS GCP 8.1: a customer-managed key for the cluster's persistent disks gives the
#   organization control over, and an audit trail of, the key protecting job data.
# custom:
#   id: gcp.dataproc.cluster_cmek
#   severity: medium
#   resource_types: [dataproc.googleapis.com/Cluster]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["8.1"]
#     pci-dss-4.0: ["3.5.1", "3.6.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "SC-12"]
#   remediation:
#     text: "Recreate the cluster with a Cloud KMS key for its persistent disks."
#     cli: "gcloud dataproc clusters create CLUSTER --region=REGION --gce-pd-kms-key=projects/P/locations/L/keyRings/R/cryptoKeys/K"
package parapet.rules.gcp.dataproc.cluster_cmek

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("Dataproc cluster %s does not use a customer-managed encryption key (encryptionConfig %v)", [input.resource.config.clusterName, object.get(input.resource.config, ["config", "encryptionConfig"], null)]),
	{"encryptionConfig": object.get(input.resource.config, ["config", "encryptionConfig"], null)},
) if {
	not input.resource.config.config.encryptionConfig.gcePdKmsKeyName
	not input.resource.config.config.encryptionConfig.kmsKey
}
