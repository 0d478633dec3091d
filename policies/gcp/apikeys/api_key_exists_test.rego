package parapet.rules.gcp.apikeys.api_key_exists_test

import data.parapet.rules.gcp.apikeys.api_key_exists as rule

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

fail_key := {"resource": api_key(restricted)}

pass_deleted_key := {"resource": api_key(object.union(restricted, {"deleteTime": "2024-05-20T00:00:00Z"}))}

test_existing_key_is_reported if {
	findings := rule.deny with input as fail_key
	count(findings) == 1
	some f in findings
	contains(f.msg, "maps-web")
	f.resource == "//apikeys.googleapis.com/projects/123456789012/locations/global/keys/5d3c1f"
}

test_soft_deleted_key_passes if {
	count(rule.deny) == 0 with input as pass_deleted_key
}
