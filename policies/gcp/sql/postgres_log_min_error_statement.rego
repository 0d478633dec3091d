# METADATA
# title: Cloud SQL PostgreSQL sets log_min_error_statement to ERROR or stricter
# description: >-
#   CIS GCP 6.2.6: log_min_error_statement decides which failing SQL statements are
#   logged; ERROR records the statements behind errors without the noise of lower
#   levels.
# custom:
#   id: gcp.sql.postgres_log_min_error_statement
#   severity: low
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.2.6"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-12"]
#   remediation:
#     text: "Set the database flag log_min_error_statement to error on the instance (patching --database-flags replaces all flags: list the existing ones too)."
#     cli: "gcloud sql instances patch INSTANCE --database-flags=\"log_min_error_statement=error\""
package parapet.rules.gcp.sql.postgres_log_min_error_statement

import data.parapet.lib

flag_name := "log_min_error_statement"

compliant_values := {"error", "log", "fatal", "panic"}

# The value the engine uses when the flag is not set.
default_value := "error"

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
