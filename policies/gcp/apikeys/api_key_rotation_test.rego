package parapet.rules.gcp.apikeys.api_key_rotation_test

import data.parapet.rules.gcp.apikeys.api_key_rotation as rule

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

now := 1717200000000000000

fail_old := {"resource": api_key({"createTime": "2023-11-15T08:30:00Z"})}

pass_exactly_90_days := {"resource": api_key({"createTime": "2024-03-03T00:00:00Z"})}

fail_just_over := {"resource": api_key({"createTime": "2024-03-02T23:59:00Z"})}

pass_recent := {"resource": api_key(restricted)}

test_old_key_fails if {
	findings := rule.deny with input as fail_old with time.now_ns as now
	count(findings) == 1
	some f in findings
	contains(f.msg, "2023-11-15T08:30:00Z")
}

test_threshold if {
	count(rule.deny) == 0 with input as pass_exactly_90_days with time.now_ns as now
	count(rule.deny) == 1 with input as fail_just_over with time.now_ns as now
	count(rule.deny) == 0 with input as pass_recent with time.now_ns as now
}
