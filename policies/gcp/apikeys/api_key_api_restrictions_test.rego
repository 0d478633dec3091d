package parapet.rules.gcp.apikeys.api_key_api_restrictions_test

import data.parapet.rules.gcp.apikeys.api_key_api_restrictions as rule

restricted := {"restrictions": {
	"browserKeyRestrictions": {"allowedReferrers": ["https://www.acme.example/*"]},
	"apiTargets": [{"service": "maps-backend.googleapis.com"}],
}}

api_key(fields) := {
	"id": "//apikeys.googleapis.com/projects/123456789012/locations/global/keys/5d3c1f",
	"type": "apikeys.googleapis.com/Key",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "maps-web",
	"config": object.union(
		{
			"name": "projects/123456789012/locations/global/keys/5d3c1f",
			"uid": "5d3c1f",
			"displayName": "maps-web",
			"createTime": "2024-05-01T09:00:00Z",
			"updateTime": "2024-05-01T09:00:00Z",
			"etag": "W/\"abc\"",
		},
		fields,
	),
}

pass_targets := {"resource": api_key(restricted)}

fail_no_targets := {"resource": api_key({"restrictions": {"browserKeyRestrictions": {"allowedReferrers": ["https://www.acme.example/*"]}}})}

fail_cloudapis := {"resource": api_key({"restrictions": {"apiTargets": [{"service": "cloudapis.googleapis.com"}]}})}

test_api_targets_pass if {
	count(rule.deny) == 0 with input as pass_targets
}

test_missing_targets_fails if {
	findings := rule.deny with input as fail_no_targets
	count(findings) == 1
	some f in findings
	contains(f.msg, "maps-web has no API restriction")
}

test_cloudapis_target_fails if {
	findings := rule.deny with input as fail_cloudapis
	some f in findings
	contains(f.msg, "cloudapis.googleapis.com")
}
