package parapet.rules.gcp.dataproc.cluster_cmek_test

import data.parapet.rules.gcp.dataproc.cluster_cmek as rule

cluster(encryption) := {
	"id": "//dataproc.googleapis.com/projects/acme-prod/regions/europe-west1/clusters/etl",
	"type": "dataproc.googleapis.com/Cluster",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "etl",
	"config": {
		"projectId": "acme-prod",
		"clusterName": "etl",
		"clusterUuid": "3f1c2e4a-0000-4000-8000-000000000001",
		"status": {"state": "RUNNING"},
		"config": object.union(
			{
				"configBucket": "dataproc-staging-eu-123456789012",
				"gceClusterConfig": {"zoneUri": "europe-west1-b", "internalIpOnly": true},
				"masterConfig": {"numInstances": 1, "machineTypeUri": "n2-standard-4"},
			},
			encryption,
		),
	},
}

pass_pd_key := {"resource": cluster({"encryptionConfig": {"gcePdKmsKeyName": "projects/acme-prod/locations/europe-west1/keyRings/dp/cryptoKeys/disks"}})}

pass_kms_key := {"resource": cluster({"encryptionConfig": {"kmsKey": "projects/acme-prod/locations/europe-west1/keyRings/dp/cryptoKeys/all"}})}

fail_none := {"resource": cluster({})}

test_cmek_passes if {
	count(rule.deny) == 0 with input as pass_pd_key
	count(rule.deny) == 0 with input as pass_kms_key
}

test_no_cmek_fails if {
	findings := rule.deny with input as fail_none
	count(findings) == 1
	some f in findings
	contains(f.msg, "etl")
}
