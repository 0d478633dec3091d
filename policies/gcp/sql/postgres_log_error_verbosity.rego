# METADATA
# title: Cloud SQL PostgreSQL sets log_error_verbosity to DEFAULT or TERSE
# description: >-
#   CIS GCP 6.2.1: VERBOSE error logging writes source locations and internal details to
#   the logs; DEFAULT or TERSE keeps logs useful without extra exposure.
# custom:
#   id: gcp.sql.postgres_log_error_verbosity
#   severity: low
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.2.1"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-12"]
#   remediation:
#     text: "Set the database flag log_error_verbosity to default on the instance (patching --database-flags replaces all flags: list the existing ones too)."
#     cli: "gcloud sql instances patch INSTANCE --database-flags=\"log_error_verbosity=default\""
package parapet.rules.gcp.sql.postgres_log_error_verbosity

import data.parapet.lib

flag_name := "log_error_verbosity"

compliant_values := {"default", "terse"}

# The value the engine uses when the flag is not set.
default_value := "default"

effective(cfg) := {"value": lower(lib.gcp.sql_flag(cfg, flag_name)), "source": "set"} if lib.gcp.sql_flag_set(cfg, flag_name)

effective(cfg) := {"value": default_value, "source": "unset, engine default"} if not lib.gcp.sql_flag_set(cfg, flag_name)

deny contains lib.finding(
	input.resource,
	sprintf("Cloud SQL instance %s (%s) has %s = %s (%s)", [cfg.name, cfg.databaseVersion, flag_name, e.value, e.source]),
	{"flag": flag_name, "value": e.value, "source": e.source},
) if {
	cfg := input.resource.config
	lib.gcp.sql_engine(cfg) == "POSTGRES"
	e := effective(cfg)
	not e.value in compliant_values
}
