package parapet.rules.gcp.sql.instance_public_ip_test

import data.parapet.rules.gcp.sql.instance_public_ip as rule

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

pass_private := {"resource": sql_instance("POSTGRES_15", {})}

fail_public := {"resource": sql_instance("POSTGRES_15", {"settings": {"ipConfiguration": {"ipv4Enabled": true}}, "ipAddresses": [{"type": "PRIMARY", "ipAddress": "34.77.1.2"}, {"type": "PRIVATE", "ipAddress": "10.20.0.3"}]})}

fail_address_only := {"resource": sql_instance("MYSQL_8_0", {"ipAddresses": [{"type": "PRIMARY", "ipAddress": "34.77.1.3"}]})}

test_private_passes if {
	count(rule.deny) == 0 with input as pass_private
}

test_primary_address_fails if {
	findings := rule.deny with input as fail_address_only
	some f in findings
	contains(f.msg, "34.77.1.3")
}

test_public_fails if {
	findings := rule.deny with input as fail_public
	count(findings) == 1
	some f in findings
	contains(f.msg, "34.77.1.2")
}
