package parapet.rules.gcp.appengine.version_https_only_test

import data.parapet.rules.gcp.appengine.version_https_only as rule

version(handlers) := {
	"id": "//appengine.googleapis.com/apps/acme-prod/services/default/versions/20240501t120000",
	"type": "appengine.googleapis.com/Version",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "20240501t120000",
	"config": {
		"name": "apps/acme-prod/services/default/versions/20240501t120000",
		"id": "20240501t120000",
		"runtime": "python312",
		"env": "standard",
		"servingStatus": "SERVING",
		"handlers": handlers,
	},
}

pass_secure := {"resource": version([{"urlRegex": ".*", "securityLevel": "SECURE_ALWAYS", "script": {"scriptPath": "auto"}}])}

fail_optional := {"resource": version([
	{"urlRegex": "/static/.*", "securityLevel": "SECURE_ALWAYS", "staticFiles": {"path": "static"}},
	{"urlRegex": ".*", "securityLevel": "SECURE_OPTIONAL", "script": {"scriptPath": "auto"}},
])}

fail_default := {"resource": version([{"urlRegex": ".*", "script": {"scriptPath": "auto"}}])}

test_secure_always_passes if {
	count(rule.deny) == 0 with input as pass_secure
}

test_optional_https_fails if {
	findings := rule.deny with input as fail_optional
	count(findings) == 1
	some f in findings
	contains(f.msg, "SECURE_OPTIONAL")
	count(rule.deny) == 1 with input as fail_default
}
