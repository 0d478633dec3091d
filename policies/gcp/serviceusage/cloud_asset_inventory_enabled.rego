# METADATA
# title: The Cloud Asset Inventory API is enabled
# description: >-
#   CIS GCP 2.13: Cloud Asset Inventory keeps a five-week history of resources and IAM
#   policies, the basis for investigations and drift detection.
# custom:
#   id: gcp.serviceusage.cloud_asset_inventory_enabled
#   severity: medium
#   resource_types: [serviceusage.googleapis.com/Service]
#   scope: account
#   frameworks:
#     cis-gcp-3.0.0: ["2.13"]
#     pci-dss-4.0: ["12.5.1"]
#     hipaa: ["164.308(a)(1)(ii)(A)"]
#     nist-800-53-r5: ["CM-8"]
#   remediation:
#     text: "Enable the Cloud Asset API in the project."
#     cli: "gcloud services enable cloudasset.googleapis.com --project=PROJECT_ID"
package parapet.rules.gcp.serviceusage.cloud_asset_inventory_enabled

import data.parapet.lib

enabled if {
	some s in input.resources["serviceusage.googleapis.com/Service"]
	endswith(s.config.name, "/services/cloudasset.googleapis.com")
	s.config.state == "ENABLED"
}

deny contains lib.finding(
	lib.gcp.account_resource_id(input.account),
	sprintf("project %s does not have cloudasset.googleapis.com enabled", [input.account.id]),
	{"service": "cloudasset.googleapis.com"},
) if {
	not enabled
}
