package parapet.rules.gcp.compute.ssl_policy_weak_test

import data.parapet.rules.gcp.compute.ssl_policy_weak as rule

policy(fields) := {
	"id": "//compute.googleapis.com/projects/acme-prod/global/sslPolicies/web-tls",
	"type": "compute.googleapis.com/SslPolicy",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "global",
	"name": "web-tls",
	"config": object.union({"name": "web-tls", "profile": "MODERN", "minTlsVersion": "TLS_1_2"}, fields),
}

pass_modern := {"resource": policy({})}

pass_custom_strong := {"resource": policy({"profile": "CUSTOM", "customFeatures": ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]})}

fail_tls10 := {"resource": policy({"profile": "MODERN", "minTlsVersion": "TLS_1_0"})}

fail_compatible := {"resource": policy({"profile": "COMPATIBLE"})}

fail_custom_weak := {"resource": policy({"profile": "CUSTOM", "customFeatures": ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"]})}

test_strong_policies_pass if {
	count(rule.deny) == 0 with input as pass_modern
	count(rule.deny) == 0 with input as pass_custom_strong
}

test_old_tls_fails if {
	findings := rule.deny with input as fail_tls10
	count(findings) == 1
	some f in findings
	contains(f.msg, "TLS_1_0")
}

test_compatible_profile_fails if {
	count(rule.deny) == 1 with input as fail_compatible
}

test_custom_weak_suites_fail if {
	findings := rule.deny with input as fail_custom_weak
	some f in findings
	contains(f.msg, "TLS_RSA_WITH_3DES_EDE_CBC_SHA")
}
