package parapet.rules.gcp.sql.sqlserver_external_scripts_test

import data.parapet.rules.gcp.sql.sqlserver_external_scripts as rule

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

good := with_flags("SQLSERVER_2019_STANDARD", [{"name": "cloudsql.iam_authentication", "value": "on"}, {"name": "external scripts enabled", "value": "OFF"}])

pass_compliant := {"resource": good}

fail_bad_value := {"resource": with_flags("SQLSERVER_2019_STANDARD", [{"name": "external scripts enabled", "value": "on"}])}

unset_flag := {"resource": with_flags("SQLSERVER_2019_STANDARD", [])}

pass_other_engine := {"resource": with_flags("POSTGRES_15", [{"name": "external scripts enabled", "value": "on"}])}

test_compliant_value_passes if {
	count(rule.deny) == 0 with input as pass_compliant
	count(rule.deny) == 0 with input as pass_other_engine
}

test_non_compliant_value_fails if {
	findings := rule.deny with input as fail_bad_value
	count(findings) == 1
	some f in findings
	contains(f.msg, "orders-db")
	contains(f.msg, "external scripts enabled = on")
	f.resource == "//cloudsql.googleapis.com/projects/acme-prod/instances/orders-db"
}

test_unset_flag_passes_with_compliant_default if {
	count(rule.deny) == 0 with input as unset_flag
}
