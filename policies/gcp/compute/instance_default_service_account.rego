# METADATA
# title: VM instances do not run as the Compute Engine default service account
# description: >-
#   CIS GCP 4.1: the default service account holds the Editor role on the project by
#   default, so any code on the VM can change almost anything in the project.
# custom:
#   id: gcp.compute.instance_default_service_account
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.1"]
#     pci-dss-4.0: ["7.2.5", "2.2.2"]
#     hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)"]
#     nist-800-53-r5: ["AC-6", "CM-6"]
#   remediation:
#     text: "Create a dedicated service account with only the roles the workload needs and set it on the instance."
#     cli: "gcloud compute instances set-service-account INSTANCE --service-account=SA_EMAIL --scopes=cloud-platform"
package parapet.rules.gcp.compute.instance_default_service_account

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("instance %s runs as the default service account %s", [input.resource.config.name, sa.email]),
	{"serviceAccount": sa.email},
) if {
	not lib.gcp.gke_node(input.resource.config)
	some sa in object.get(input.resource.config, "serviceAccounts", [])
	lib.gcp.default_compute_service_account(sa.email)
}
