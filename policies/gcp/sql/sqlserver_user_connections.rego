# METADATA
# title: Cloud SQL SQL Server does not limit user connections
# description: >-
#   CIS GCP 6.3.3: A user connections limit lower than needed lets the instance refuse
#   legitimate sessions (a self-inflicted denial of service); 0 means unlimited.
# custom:
#   id: gcp.sql.sqlserver_user_connections
#   severity: low
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.3.3"]
#     pci-dss-4.0: ["2.2.6"]
#     hipaa: ["164.308(a)(7)(i)"]
#     nist-800-53-r5: ["SC-5", "CM-6"]
#   remediation:
#     text: "Set the database flag user connections to 0 on the instance (patching --database-flags replaces all flags: list the existing ones too)."
#     cli: "gcloud sql instances patch INSTANCE --database-flags=\"user connections=0\""
package parapet.rules.gcp.sql.sqlserver_user_connections

import data.parapet.lib

flag_name := "user connections"

compliant_values := {"0"}

# The value the engine uses when the flag is not set.
default_value := "0"

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
