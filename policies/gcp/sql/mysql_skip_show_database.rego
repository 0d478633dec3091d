# METADATA
# title: Cloud SQL MySQL sets skip_show_database on
# description: >-
#   CIS GCP 6.1.2: With skip_show_database on, SHOW DATABASES lists only the databases a
#   user has privileges on, hiding the others from low-privilege accounts.
# custom:
#   id: gcp.sql.mysql_skip_show_database
#   severity: low
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.1.2"]
#     pci-dss-4.0: ["2.2.4", "2.2.6"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["AC-6", "CM-6"]
#   remediation:
#     text: "Set the database flag skip_show_database to on on the instance (patching --database-flags replaces all flags: list the existing ones too)."
#     cli: "gcloud sql instances patch INSTANCE --database-flags=\"skip_show_database=on\""
package parapet.rules.gcp.sql.mysql_skip_show_database

import data.parapet.lib

flag_name := "skip_show_database"

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
	lib.gcp.sql_engine(cfg) == "MYSQL"
	e := effective(cfg)
	not e.value in compliant_values
}
