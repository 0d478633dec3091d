# METADATA
# title: Cloud SQL PostgreSQL disables log_min_duration_statement
# description: >-
#   CIS GCP 6.2.7: Logging statements by duration writes full SQL text, which may hold
#   sensitive data, to the logs; CIS asks for -1 (disabled).
# custom:
#   id: gcp.sql.postgres_log_min_duration_statement
#   severity: low
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.2.7"]
#     pci-dss-4.0: ["3.2.1", "10.3.1"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["AU-9", "SI-11"]
#   remediation:
#     text: "Set the database flag log_min_duration_statement to -1 on the instance (patching --database-flags replaces all flags: list the existing ones too)."
#     cli: "gcloud sql instances patch INSTANCE --database-flags=\"log_min_duration_statement=-1\""
package parapet.rules.gcp.sql.postgres_log_min_duration_statement

import data.parapet.lib

flag_name := "log_min_duration_statement"

compliant_values := {"-1"}

# The value the engine uses when the flag is not set.
default_value := "-1"

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
