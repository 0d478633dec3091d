# METADATA
# title: Cloud SQL SQL Server does not set the user options flag
# description: >-
#   CIS GCP 6.3.4: the user options flag overrides session defaults (such as ANSI
#   settings) for every user, which can change query behaviour and security-relevant
#   defaults globally.
# custom:
#   id: gcp.sql.sqlserver_user_options
#   severity: low
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.3.4"]
#     pci-dss-4.0: ["2.2.6"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["CM-6"]
#   remediation:
#     text: "Clear the user options flag from the instance."
#     cli: "gcloud sql instances patch INSTANCE --clear-database-flags"
package parapet.rules.gcp.sql.sqlserver_user_options

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("Cloud SQL instance %s (%s) sets user options = %s", [cfg.name, cfg.databaseVersion, lib.gcp.sql_flag(cfg, "user options")]),
	{"flag": "user options", "value": lib.gcp.sql_flag(cfg, "user options")},
) if {
	cfg := input.resource.config
	lib.gcp.sql_engine(cfg) == "SQLSERVER"
	lib.gcp.sql_flag_set(cfg, "user options")
}
