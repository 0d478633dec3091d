package parapet.rules.gcp.dns.dnssec_enabled_test

import data.parapet.rules.gcp.dns.dnssec_enabled as rule

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

pass_on := {"resource": zone({})}

fail_off := {"resource": zone({"dnssecConfig": {"state": "off"}})}

fail_transfer := {"resource": zone({"dnssecConfig": {"state": "transfer"}})}

fail_missing := {"resource": json.remove(zone({}), ["config/dnssecConfig"])}

pass_private := {"resource": json.remove(zone({"visibility": "private"}), ["config/dnssecConfig"])}

test_dnssec_on_passes if {
	count(rule.deny) == 0 with input as pass_on
	count(rule.deny) == 0 with input as pass_private
}

test_dnssec_off_fails if {
	findings := rule.deny with input as fail_off
	count(findings) == 1
	some f in findings
	contains(f.msg, "acme.example.")
	contains(f.msg, "DNSSEC off")
	count(rule.deny) == 1 with input as fail_transfer
	count(rule.deny) == 1 with input as fail_missing
}
