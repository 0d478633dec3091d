package parapet.rules.gcp.sql.instance_world_authorized_network_test

import data.parapet.rules.gcp.sql.instance_world_authorized_network as rule

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

fail_world := {"resource": sql_instance("MYSQL_8_0", {"settings": {"ipConfiguration": {"ipv4Enabled": true, "authorizedNetworks": [{"value": "0.0.0.0/0", "name": "anywhere", "kind": "sql#aclEntry"}]}}})}

fail_ipv6_world := {"resource": sql_instance("MYSQL_8_0", {"settings": {"ipConfiguration": {"ipv4Enabled": true, "authorizedNetworks": [{"value": "::/0"}]}}})}

pass_office := {"resource": sql_instance("MYSQL_8_0", {"settings": {"ipConfiguration": {"ipv4Enabled": true, "authorizedNetworks": [{"value": "203.0.113.0/24", "name": "office"}]}}})}

test_world_fails if {
	findings := rule.deny with input as fail_world
	count(findings) == 1
	some f in findings
	contains(f.msg, "0.0.0.0/0 (anywhere)")
	count(rule.deny) == 1 with input as fail_ipv6_world
}

test_specific_networks_pass if {
	count(rule.deny) == 0 with input as pass_office
}
