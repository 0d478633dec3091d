package parapet.rules.gcp.compute.disk_csek_test

import data.parapet.rules.gcp.compute.disk_csek as rule

disk(fields) := {
	"id": "//compute.googleapis.com/projects/acme-prod/zones/europe-west1-b/disks/web-1",
	"type": "compute.googleapis.com/Disk",
	"provider": "gcp",
	"account": "acme-prod",
	"region": "europe-west1",
	"name": "web-1",
	"config": object.union({"name": "web-1", "sizeGb": "50", "type": "https://www.googleapis.com/compute/v1/projects/acme-prod/zones/europe-west1-b/diskTypes/pd-balanced", "status": "READY"}, fields),
}

pass_csek := {"resource": disk({"diskEncryptionKey": {"sha256": "p3oJmmt0NcpwMGkRh7j7LZpe/hjjy4Ut4ePuTvgK3cY="}})}

fail_google := {"resource": disk({})}

fail_cmek := {"resource": disk({"diskEncryptionKey": {"kmsKeyName": "projects/acme-prod/locations/europe-west1/keyRings/app/cryptoKeys/disks/cryptoKeyVersions/1"}})}

test_csek_passes if {
	count(rule.deny) == 0 with input as pass_csek
}

test_other_keys_fail if {
	findings := rule.deny with input as fail_google
	some f in findings
	contains(f.msg, "Google-managed key")
	findings_cmek := rule.deny with input as fail_cmek
	some g in findings_cmek
	contains(g.msg, "customer-managed KMS key")
}
