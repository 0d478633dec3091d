package parapet.rules.gcp.compute.lb_backend_logging_test

import data.parapet.rules.gcp.compute.lb_backend_logging as rule

backend(fields) := {
	"id": "//compute.googleapis.com/projects/acme-prod/global/backendServices/web",
	"type": "compute.googleapis.com/BackendService",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "web",
	"config": object.union({"name": "web", "protocol": "HTTPS", "loadBalancingScheme": "EXTERNAL_MANAGED", "port": 443, "timeoutSec": 30}, fields),
}

pass_logging := {"resource": backend({"logConfig": {"enable": true, "sampleRate": 1}})}

fail_disabled := {"resource": backend({"logConfig": {"enable": false}})}

fail_absent := {"resource": backend({"protocol": "HTTP"})}

pass_tcp := {"resource": backend({"protocol": "TCP", "loadBalancingScheme": "EXTERNAL"})}

test_logging_passes if {
	count(rule.deny) == 0 with input as pass_logging
	count(rule.deny) == 0 with input as pass_tcp
}

test_logging_off_fails if {
	findings := rule.deny with input as fail_disabled
	count(findings) == 1
	some f in findings
	contains(f.msg, "web (HTTPS)")
	count(rule.deny) == 1 with input as fail_absent
}
