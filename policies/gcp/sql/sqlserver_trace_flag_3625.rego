# METADATA
# title: Cloud SQL SQL Server sets trace flag 3625 on
# description: >-
#   CIS GCP 6.3.6: Trace flag 3625 masks parameters of error messages for users who are
#   not sysadmin, limiting what errors reveal about data and structure.
# custom:
#   id: gcp.sql.sqlserver_trace_flag_3625
#   severity: low
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.3.6"]
#     pci-dss-4.0: ["2.2.6"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["SI-11", "CM-6"]
#   remediation:
#     text: "Set the database flag 3625 to on on the instance (patching --database-flags replaces all flags: list the existing ones too)."
#     cli: "gcloud sql instances patch INSTANCE --database-flags=\"3625=on\""
package parapet.rules.gcp.sql.sqlserver_trace_flag_3625

import data.parapet.lib

flag_name := "3625"

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
	lib.gcp.sql_engine(cfg) == "SQLSERVER"
	e := effective(cfg)
	not e.value in compliant_values
}
