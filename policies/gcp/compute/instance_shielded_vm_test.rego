package parapet.rules.gcp.compute.instance_shielded_vm_test

import data.parapet.rules.gcp.compute.instance_shielded_vm as rule

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

pass_shielded := {"resource": instance({})}

fail_no_vtpm := {"resource": instance({"shieldedInstanceConfig": {"enableSecureBoot": true, "enableVtpm": false, "enableIntegrityMonitoring": true}})}

fail_absent := {"resource": json.remove(instance({}), ["config/shieldedInstanceConfig"])}

test_shielded_passes if {
	count(rule.deny) == 0 with input as pass_shielded
}

test_unshielded_fails if {
	findings := rule.deny with input as fail_no_vtpm
	count(findings) == 1
	some f in findings
	contains(f.msg, "off: enableVtpm")
	findings_absent := rule.deny with input as fail_absent
	some g in findings_absent
	contains(g.msg, "enableVtpm, enableIntegrityMonitoring")
}
