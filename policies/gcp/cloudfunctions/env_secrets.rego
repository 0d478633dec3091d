# METADATA
# title: Cloud Functions keep secrets out of plain environment variables
# description: >-
#   CIS GCP 1.17: values in a function's environment variables are readable by anyone
#   who can view the function; secrets belong in Secret Manager. The rule flags variable
#   names that look like secrets (it never reads the values).
# custom:
#   id: gcp.cloudfunctions.env_secrets
#   severity: medium
#   resource_types: [cloudfunctions.googleapis.com/CloudFunction, cloudfunctions.googleapis.com/Function]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["1.17"]
#     pci-dss-4.0: ["8.6.2", "3.6.1"]
#     hipaa: ["164.312(a)(1)", "164.312(d)"]
#     nist-800-53-r5: ["IA-5(7)", "SC-28"]
#   remediation:
#     text: "Store the secret in Secret Manager and reference it with secretEnvironmentVariables (or a mounted secret volume); remove the plain variable."
#     cli: "gcloud functions deploy NAME --remove-env-vars=VAR --set-secrets=VAR=SECRET:latest"
package parapet.rules.gcp.cloudfunctions.env_secrets

import data.parapet.lib

secret_name_pattern := `(?i)(secret|passw(or)?d|passwd|token|api_?key|private_?key|credential|access_?key)`

env_maps(cfg) := [m |
	some path in [["environmentVariables"], ["buildEnvironmentVariables"], ["serviceConfig", "environmentVariables"], ["buildConfig", "environmentVariables"]]
	m := object.get(cfg, path, {})
]

suspicious := sort({name |
	some m in env_maps(input.resource.config)
	some name, _ in m
	regex.match(secret_name_pattern, name)
})

deny contains lib.finding(
	input.resource,
	sprintf("function %s sets secret-like environment variables %s in plain text", [input.resource.name, concat(", ", suspicious)]),
	{"variables": suspicious},
) if {
	count(suspicious) > 0
}
