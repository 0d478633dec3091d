# METADATA
# title: Cloud SQL PostgreSQL enables pgAudit
# description: >-
#   CIS GCP 6.2.8: pgAudit produces session and object audit logs of the statements run
#   against the database, beyond what the standard logging facility offers.
# custom:
#   id: gcp.sql.postgres_pgaudit
#   severity: high
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.2.8"]
#     pci-dss-4.0: ["10.2.1", "10.2.2"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-3", "AU-12"]
#   remediation:
#     text: "Set the database flag cloudsql.enable_pgaudit to on on the instance (patching --database-flags replaces all flags: list the existing ones too)."
#     cli: "gcloud sql instances patch INSTANCE --database-flags=\"cloudsql.enable_pgaudit=on\""
package parapet.rules.gcp.sql.postgres_pgaudit

import data.parapet.lib

flag_name := "cloudsql.enable_pgaudit"

compliant_values := {"on"}

# The value the engine uses when the flag is not set.
default_value := "off"

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
