# METADATA
# title: Cloud SQL instances have automated backups
# description: >-
#   CIS GCP 6.7: automated backups make it possible to restore the database after
#   deletion, corruption or ransomware.
# custom:
#   id: gcp.sql.instance_backups
#   severity: medium
#   resource_types: [sqladmin.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["6.7"]
#     pci-dss-4.0: ["12.10.1"]
#     hipaa: ["164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"]
#     nist-800-53-r5: ["CP-9"]
#   remediation:
#     text: "Enable automated backups (and point-in-time recovery)."
#     cli: "gcloud sql instances patch INSTANCE --backup-start-time=02:00"
package parapet.rules.gcp.sql.instance_backups

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("Cloud SQL instance %s has automated backups off (backupConfiguration.enabled %v)", [cfg.name, object.get(cfg, ["settings", "backupConfiguration", "enabled"], null)]),
	{"backupConfiguration": object.get(cfg, ["settings", "backupConfiguration"], null)},
) if {
	cfg := input.resource.config

	# Read replicas are backed up through their primary.
	object.get(cfg, "instanceType", "CLOUD_SQL_INSTANCE") != "READ_REPLICA_INSTANCE"
	not cfg.settings.backupConfiguration.enabled
}
