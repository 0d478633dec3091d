package parapet.rules.gcp.sql.sqlserver_user_options_test

import data.parapet.rules.gcp.sql.sqlserver_user_options as rule

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

fail_set := {"resource": with_flags("SQLSERVER_2019_STANDARD", [{"name": "user options", "value": "32"}])}

pass_unset := {"resource": with_flags("SQLSERVER_2019_STANDARD", [{"name": "remote access", "value": "off"}])}

test_set_fails if {
	findings := rule.deny with input as fail_set
	count(findings) == 1
	some f in findings
	contains(f.msg, "user options = 32")
}

test_unset_passes if {
	count(rule.deny) == 0 with input as pass_unset
}
