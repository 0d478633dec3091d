package parapet.rules.gcp.compute.instance_confidential_computing_test

import data.parapet.rules.gcp.compute.instance_confidential_computing as rule

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

pass_confidential := {"resource": instance({})}

pass_sev_snp := {"resource": instance({"confidentialInstanceConfig": {"enableConfidentialCompute": false, "confidentialInstanceType": "SEV_SNP"}})}

fail_off := {"resource": json.remove(instance({}), ["config/confidentialInstanceConfig"])}

test_confidential_passes if {
	count(rule.deny) == 0 with input as pass_confidential
	count(rule.deny) == 0 with input as pass_sev_snp
}

test_not_confidential_fails if {
	findings := rule.deny with input as fail_off
	count(findings) == 1
	some f in findings
	contains(f.msg, "web-1")
}
