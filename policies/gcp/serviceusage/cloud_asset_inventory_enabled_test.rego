package parapet.rules.gcp.serviceusage.cloud_asset_inventory_enabled_test

import data.parapet.rules.gcp.serviceusage.cloud_asset_inventory_enabled as rule

account := {"provider": "gcp", "id": "acme-prod"}

service(name, state) := {
	"id": sprintf("//serviceusage.googleapis.com/projects/123456789012/services/%s", [name]),
	"type": "serviceusage.googleapis.com/Service",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": name,
	"config": {"name": sprintf("projects/123456789012/services/%s", [name]), "parent": "projects/123456789012", "state": state, "config": {"name": name}},
}

pass_enabled := {"account": account, "resources": {"serviceusage.googleapis.com/Service": [service("compute.googleapis.com", "ENABLED"), service("cloudasset.googleapis.com", "ENABLED")]}}

fail_disabled := {"account": account, "resources": {"serviceusage.googleapis.com/Service": [service("cloudasset.googleapis.com", "DISABLED")]}}

fail_absent := {"account": account, "resources": {"serviceusage.googleapis.com/Service": [service("compute.googleapis.com", "ENABLED")]}}

test_enabled_passes if {
	count(rule.deny) == 0 with input as pass_enabled
}

test_disabled_or_absent_fails if {
	findings := rule.deny with input as fail_disabled
	some f in findings
	f.resource == "gcp:account:acme-prod"
	contains(f.msg, "cloudasset.googleapis.com")
	count(rule.deny) == 1 with input as fail_absent
}
