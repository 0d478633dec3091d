# METADATA
# title: API keys are restricted to the APIs they need
# description: >-
#   CIS GCP 1.14: a key without API restrictions, or restricted to
#   cloudapis.googleapis.com, can call every enabled API of the project.
# custom:
#   id: gcp.apikeys.api_key_api_restrictions
#   severity: medium
#   resource_types: [apikeys.googleapis.com/Key]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.14"]
#     pci-dss-4.0: ["7.2.5"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#   remediation:
#     text: "Restrict the key to the specific APIs its application calls."
#     cli: "gcloud services api-keys update KEY_ID --api-target=service=SERVICE_NAME"
package parapet.rules.gcp.apikeys.api_key_api_restrictions

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("API key %s has no API restriction", [input.resource.name]),
	{"apiTargets": []},
) if {
	count(object.get(input.resource.config, ["restrictions", "apiTargets"], [])) == 0
}

deny contains lib.finding(
	input.resource,
	sprintf("API key %s is restricted to cloudapis.googleapis.com, which allows every API", [input.resource.name]),
	{"apiTargets": input.resource.config.restrictions.apiTargets},
) if {
	some t in input.resource.config.restrictions.apiTargets
	t.service == "cloudapis.googleapis.com"
}
