# METADATA
# title: API keys are restricted to specific hosts or apps
# description: >-
#   CIS GCP 1.13: an API key without application restrictions (HTTP referrers, IP
#   addresses, Android or iOS apps), or with a wildcard referrer or an any-address IP
#   range, works from anywhere once leaked.
# custom:
#   id: gcp.apikeys.api_key_application_restrictions
#   severity: medium
#   resource_types: [apikeys.googleapis.com/Key]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.13"]
#     pci-dss-4.0: ["7.2.5", "8.6.3"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["AC-3", "IA-5"]
#   remediation:
#     text: "Add HTTP referrer, IP address, Android or iOS app restrictions that name only the callers of the key."
#     cli: "gcloud services api-keys update KEY_ID --allowed-referrers=\"https://www.example.com/*\""
package parapet.rules.gcp.apikeys.api_key_application_restrictions

import data.parapet.lib

restriction_kinds := ["browserKeyRestrictions", "serverKeyRestrictions", "androidKeyRestrictions", "iosKeyRestrictions"]

unrestricted_ips := {"0.0.0.0", "0.0.0.0/0", "::/0", "::0", "0::0/0"}

restricted(r) if {
	some kind in restriction_kinds
	r[kind]
}

deny contains lib.finding(
	input.resource,
	sprintf("API key %s has no application restriction", [input.resource.name]),
	{"restrictions": object.get(input.resource.config, "restrictions", {})},
) if {
	not restricted(object.get(input.resource.config, "restrictions", {}))
}

deny contains lib.finding(
	input.resource,
	sprintf("API key %s allows any HTTP referrer (%s)", [input.resource.name, ref]),
	{"allowedReferrers": input.resource.config.restrictions.browserKeyRestrictions.allowedReferrers},
) if {
	some ref in input.resource.config.restrictions.browserKeyRestrictions.allowedReferrers
	ref in {"*", "*.*", "*/*"}
}

deny contains lib.finding(
	input.resource,
	sprintf("API key %s allows any IP address (%s)", [input.resource.name, ip]),
	{"allowedIps": input.resource.config.restrictions.serverKeyRestrictions.allowedIps},
) if {
	some ip in input.resource.config.restrictions.serverKeyRestrictions.allowedIps
	ip in unrestricted_ips
}
