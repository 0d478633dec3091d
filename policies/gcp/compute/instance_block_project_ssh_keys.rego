# METADATA
# title: VM instances block project-wide SSH keys
# description: >-
#   CIS GCP 4.3: a project-wide SSH key opens every instance of the project; instances
#   should accept only instance-level keys or OS Login.
# custom:
#   id: gcp.compute.instance_block_project_ssh_keys
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.3"]
#     pci-dss-4.0: ["8.2.2", "7.2.1"]
#     hipaa: ["164.312(a)(1)", "164.312(d)"]
#     nist-800-53-r5: ["AC-3", "IA-2"]
#   remediation:
#     text: "Set the block-project-ssh-keys metadata key to true on the instance."
#     cli: "gcloud compute instances add-metadata INSTANCE --metadata=block-project-ssh-keys=TRUE"
package parapet.rules.gcp.compute.instance_block_project_ssh_keys

import data.parapet.lib

blocked(cfg) if lib.gcp.metadata_true(lib.gcp.metadata_value(object.get(cfg, "metadata", {}), "block-project-ssh-keys"))

setting(cfg) := [v | v := lib.gcp.metadata_value(object.get(cfg, "metadata", {}), "block-project-ssh-keys")]

deny contains lib.finding(
	input.resource,
	sprintf("instance %s accepts project-wide SSH keys (block-project-ssh-keys %v)", [cfg.name, setting(cfg)]),
	{"block-project-ssh-keys": setting(cfg)},
) if {
	cfg := input.resource.config
	not lib.gcp.gke_node(cfg)
	not blocked(cfg)
}
