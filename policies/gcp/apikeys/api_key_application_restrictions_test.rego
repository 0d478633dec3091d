package parapet.rules.gcp.apikeys.api_key_application_restrictions_test

import data.parapet.rules.gcp.apikeys.api_key_application_restrictions as rule

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

pass_referrer := {"resource": api_key(restricted)}

pass_server_ips := {"resource": api_key({"restrictions": {"serverKeyRestrictions": {"allowedIps": ["203.0.113.10", "2001:db8::/32"]}}})}

fail_unrestricted := {"resource": api_key({"restrictions": {"apiTargets": [{"service": "translate.googleapis.com"}]}})}

fail_no_restrictions_field := {"resource": api_key({})}

fail_wildcard_referrer := {"resource": api_key({"restrictions": {"browserKeyRestrictions": {"allowedReferrers": ["*"]}}})}

fail_any_ip := {"resource": api_key({"restrictions": {"serverKeyRestrictions": {"allowedIps": ["0.0.0.0/0"]}}})}

test_restricted_keys_pass if {
	count(rule.deny) == 0 with input as pass_referrer
	count(rule.deny) == 0 with input as pass_server_ips
}

test_unrestricted_key_fails if {
	findings := rule.deny with input as fail_unrestricted
	count(findings) == 1
	some f in findings
	contains(f.msg, "maps-web has no application restriction")
	count(rule.deny) == 1 with input as fail_no_restrictions_field
}

test_wildcard_referrer_fails if {
	findings := rule.deny with input as fail_wildcard_referrer
	some f in findings
	contains(f.msg, "any HTTP referrer (*)")
}

test_any_ip_fails if {
	findings := rule.deny with input as fail_any_ip
	some f in findings
	contains(f.msg, "0.0.0.0/0")
}
