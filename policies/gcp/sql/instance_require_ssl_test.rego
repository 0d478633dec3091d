package parapet.rules.gcp.sql.instance_require_ssl_test

import data.parapet.rules.gcp.sql.instance_require_ssl as rule

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

pass_encrypted := {"resource": sql_instance("POSTGRES_15", {})}

pass_legacy_require_ssl := {"resource": json.remove(sql_instance("MYSQL_8_0", {}), ["config/settings/ipConfiguration/sslMode"])}

fail_allow_unencrypted := {"resource": sql_instance("POSTGRES_15", {"settings": {"ipConfiguration": {"sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "requireSsl": false}}})}

fail_legacy := {"resource": json.remove(sql_instance("MYSQL_8_0", {"settings": {"ipConfiguration": {"requireSsl": false}}}), ["config/settings/ipConfiguration/sslMode"])}

test_encrypted_passes if {
	count(rule.deny) == 0 with input as pass_encrypted
	count(rule.deny) == 0 with input as pass_legacy_require_ssl
}

test_unencrypted_allowed_fails if {
	findings := rule.deny with input as fail_allow_unencrypted
	count(findings) == 1
	some f in findings
	contains(f.msg, "ALLOW_UNENCRYPTED_AND_ENCRYPTED")
	count(rule.deny) == 1 with input as fail_legacy
}
