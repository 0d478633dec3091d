# METADATA
# title: Cloud SQL SQL Server keeps external scripts disabled
# description: >-
#   CIS GCP 6.3.1: external scripts enabled lets R and Python scripts run outside the
#   database engine's security boundary.
# custom:
#   id: gcp.sql.sqlserver_external_scripts
#   severity: medium
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.3.1"]
#     pci-dss-4.0: ["2.2.4", "2.2.6"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["CM-6", "CM-7"]
#   remediation:
#     text: "Set the database flag external scripts enabled to off on the instance (patching --database-flags replaces all flags: list the existing ones too)."
#     cli: "gcloud sql instances patch INSTANCE --database-flags=\"external scripts enabled=off\""
package parapet.rules.gcp.sql.sqlserver_external_scripts

import data.parapet.lib

flag_name := "external scripts enabled"

compliant_values := {"off"}

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
