package parapet.rules.gcp.compute.proxy_default_ssl_policy_test

import data.parapet.rules.gcp.compute.proxy_default_ssl_policy as rule

proxy(fields) := {
	"id": "//compute.googleapis.com/projects/acme-prod/global/targetHttpsProxies/web",
	"type": "compute.googleapis.com/TargetHttpsProxy",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "web",
	"config": object.union(
		{
			"name": "web",
			"urlMap": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/urlMaps/web",
			"sslCertificates": ["https://www.googleapis.com/compute/v1/projects/acme-prod/global/sslCertificates/web"],
		},
		fields,
	),
}

pass_policy := {"resource": proxy({"sslPolicy": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/sslPolicies/web-tls"})}

fail_default := {"resource": proxy({})}

test_proxy_with_policy_passes if {
	count(rule.deny) == 0 with input as pass_policy
}

test_proxy_without_policy_fails if {
	findings := rule.deny with input as fail_default
	count(findings) == 1
	some f in findings
	contains(f.msg, "proxy web")
}
