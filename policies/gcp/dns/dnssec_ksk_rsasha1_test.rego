package parapet.rules.gcp.dns.dnssec_ksk_rsasha1_test

import data.parapet.rules.gcp.dns.dnssec_ksk_rsasha1 as rule

zone(fields) := {
	"id": "//dns.googleapis.com/projects/acme-prod/managedZones/acme-example",
	"type": "dns.googleapis.com/ManagedZone",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "acme-example",
	"config": object.union(
		{
			"name": "acme-example",
			"dnsName": "acme.example.",
			"visibility": "public",
			"dnssecConfig": {
				"state": "on",
				"nonExistence": "nsec3",
				"defaultKeySpecs": [
					{"keyType": "keySigning", "algorithm": "rsasha256", "keyLength": 2048},
					{"keyType": "zoneSigning", "algorithm": "rsasha256", "keyLength": 1024},
				],
			},
		},
		fields,
	),
}

pass_sha256 := {"resource": zone({})}

fail_sha1 := {"resource": zone({"dnssecConfig": {"state": "on", "defaultKeySpecs": [
	{"keyType": "keySigning", "algorithm": "rsasha1", "keyLength": 2048},
	{"keyType": "zoneSigning", "algorithm": "rsasha256", "keyLength": 2048},
]}})}

pass_other_key_sha1 := {"resource": zone({"dnssecConfig": {"state": "on", "defaultKeySpecs": [
	{"keyType": "keySigning", "algorithm": "ecdsap256sha256", "keyLength": 256},
	{"keyType": "zoneSigning", "algorithm": "rsasha1", "keyLength": 2048},
]}})}

pass_dnssec_off := {"resource": zone({"dnssecConfig": {"state": "off", "defaultKeySpecs": [{"keyType": "keySigning", "algorithm": "rsasha1", "keyLength": 2048}]}})}

test_rsasha1_fails if {
	findings := rule.deny with input as fail_sha1
	count(findings) == 1
	some f in findings
	contains(f.msg, "rsasha1")
	contains(f.msg, "acme-example")
}

test_strong_algorithms_pass if {
	count(rule.deny) == 0 with input as pass_sha256
	count(rule.deny) == 0 with input as pass_other_key_sha1
	count(rule.deny) == 0 with input as pass_dnssec_off
}
