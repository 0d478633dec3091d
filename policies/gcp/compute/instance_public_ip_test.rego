package parapet.rules.gcp.compute.instance_public_ip_test

import data.parapet.rules.gcp.compute.instance_public_ip as rule

instance(fields) := {
	"id": "//compute.googleapis.com/projects/acme-prod/zones/europe-west1-b/instances/web-1",
	"type": "compute.googleapis.com/Instance",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "web-1",
	"config": object.union(
		{
			"name": "web-1",
			"machineType": "https://www.googleapis.com/compute/v1/projects/acme-prod/zones/europe-west1-b/machineTypes/n2d-standard-2",
			"status": "RUNNING",
			"zone": "https://www.googleapis.com/compute/v1/projects/acme-prod/zones/europe-west1-b",
			"canIpForward": false,
			"serviceAccounts": [{"email": "web@acme-prod.iam.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}],
			"metadata": {"fingerprint": "abc=", "items": [{"key": "block-project-ssh-keys", "value": "true"}]},
			"networkInterfaces": [{
				"name": "nic0",
				"network": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/prod",
				"subnetwork": "https://www.googleapis.com/compute/v1/projects/acme-prod/regions/europe-west1/subnetworks/app",
				"networkIP": "10.10.0.5",
			}],
			"shieldedInstanceConfig": {"enableSecureBoot": true, "enableVtpm": true, "enableIntegrityMonitoring": true},
			"confidentialInstanceConfig": {"enableConfidentialCompute": true},
			"labels": {"env": "prod"},
		},
		fields,
	),
}

gke_node := instance({"name": "gke-prod-pool-1-abcd", "labels": {"goog-gke-node": ""}, "canIpForward": true, "serviceAccounts": [{"email": "123456789012-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}], "metadata": {"items": []}, "networkInterfaces": [{"name": "nic0", "accessConfigs": [{"type": "ONE_TO_ONE_NAT", "natIP": "34.1.2.3"}]}]})

pass_gke_node := {"resource": gke_node}

fail_nat := {"resource": instance({"networkInterfaces": [{"name": "nic0", "networkIP": "10.10.0.5", "accessConfigs": [{"type": "ONE_TO_ONE_NAT", "name": "External NAT", "natIP": "34.76.10.20", "networkTier": "PREMIUM"}]}]})}

fail_ipv6 := {"resource": instance({"networkInterfaces": [{"name": "nic0", "ipv6AccessConfigs": [{"type": "DIRECT_IPV6", "externalIpv6": "2600:1900:4000::"}]}]})}

pass_internal := {"resource": instance({})}

test_external_ip_fails if {
	findings := rule.deny with input as fail_nat
	count(findings) == 1
	some f in findings
	contains(f.msg, "34.76.10.20")
	count(rule.deny) == 1 with input as fail_ipv6
}

test_internal_and_gke_pass if {
	count(rule.deny) == 0 with input as pass_internal
	count(rule.deny) == 0 with input as pass_gke_node
}
