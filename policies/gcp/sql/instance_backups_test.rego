package parapet.rules.gcp.sql.instance_backups_test

import data.parapet.rules.gcp.sql.instance_backups as rule

sql_instance(version, fields) := {
	"id": "//cloudsql.googleapis.com/projects/acme-prod/instances/orders-db",
	"type": "sqladmin.googleapis.com/Instance",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "orders-db",
	"config": object.union(
		{
			"name": "orders-db",
			"project": "acme-prod",
			"databaseVersion": version,
			"instanceType": "CLOUD_SQL_INSTANCE",
			"state": "RUNNABLE",
			"region": "europe-west1",
			"backendType": "SECOND_GEN",
			"ipAddresses": [{"type": "PRIVATE", "ipAddress": "10.20.0.3"}],
			"settings": {
				"tier": "db-custom-2-7680",
				"availabilityType": "REGIONAL",
				"ipConfiguration": {
					"ipv4Enabled": false,
					"privateNetwork": "projects/acme-prod/global/networks/prod",
					"requireSsl": true,
					"sslMode": "ENCRYPTED_ONLY",
					"authorizedNetworks": [],
				},
				"backupConfiguration": {"enabled": true, "startTime": "02:00", "pointInTimeRecoveryEnabled": true},
			},
		},
		fields,
	),
}

with_flags(version, flags) := sql_instance(version, {"settings": {"databaseFlags": flags}})

pass_backups := {"resource": sql_instance("POSTGRES_15", {})}

fail_off := {"resource": sql_instance("POSTGRES_15", {"settings": {"backupConfiguration": {"enabled": false}}})}

pass_replica := {"resource": sql_instance("POSTGRES_15", {"instanceType": "READ_REPLICA_INSTANCE", "masterInstanceName": "acme-prod:orders-db-primary", "settings": {"backupConfiguration": {"enabled": false}}})}

test_backups_pass if {
	count(rule.deny) == 0 with input as pass_backups
	count(rule.deny) == 0 with input as pass_replica
}

test_backups_off_fails if {
	findings := rule.deny with input as fail_off
	count(findings) == 1
	some f in findings
	contains(f.msg, "orders-db has automated backups off")
}
