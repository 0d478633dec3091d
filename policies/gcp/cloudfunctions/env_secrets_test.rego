package parapet.rules.gcp.cloudfunctions.env_secrets_test

import data.parapet.rules.gcp.cloudfunctions.env_secrets as rule

function_v1(env) := {
	"id": "//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/checkout",
	"type": "cloudfunctions.googleapis.com/CloudFunction",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "checkout",
	"config": {
		"name": "projects/acme-prod/locations/europe-west1/functions/checkout",
		"runtime": "nodejs20",
		"entryPoint": "handler",
		"status": "ACTIVE",
		"environmentVariables": env,
		"secretEnvironmentVariables": [{"key": "STRIPE_KEY", "secret": "stripe-key", "version": "latest", "projectId": "123456789012"}],
	},
}

function_v2(env) := {
	"id": "//cloudfunctions.googleapis.com/projects/acme-prod/locations/europe-west1/functions/refunds",
	"type": "cloudfunctions.googleapis.com/Function",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "refunds",
	"config": {
		"name": "projects/acme-prod/locations/europe-west1/functions/refunds",
		"environment": "GEN_2",
		"state": "ACTIVE",
		"serviceConfig": {"environmentVariables": env, "availableMemory": "256M"},
	},
}

fail_v1 := {"resource": function_v1({"DB_PASSWORD": "hunter2", "LOG_LEVEL": "info", "apiKey": "AIza..."})}

fail_v2 := {"resource": function_v2({"GITHUB_TOKEN": "ghp_x"})}

pass_plain := {"resource": function_v1({"LOG_LEVEL": "info", "REGION": "eu"})}

pass_v2_no_env := {"resource": function_v2({})}

test_v1_secret_names_fail if {
	findings := rule.deny with input as fail_v1
	count(findings) == 1
	some f in findings
	f.evidence.variables == ["DB_PASSWORD", "apiKey"]
	contains(f.msg, "checkout")
	not contains(f.msg, "hunter2")
}

test_v2_secret_name_fails if {
	findings := rule.deny with input as fail_v2
	some f in findings
	contains(f.msg, "GITHUB_TOKEN")
}

test_plain_settings_pass if {
	count(rule.deny) == 0 with input as pass_plain
	count(rule.deny) == 0 with input as pass_v2_no_env
}
