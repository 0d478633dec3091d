# METADATA
# title: VM instances use Confidential Computing
# description: >-
#   CIS GCP 4.11: Confidential VMs keep memory encrypted with keys held by the
#   processor, protecting data in use from the host.
# custom:
#   id: gcp.compute.instance_confidential_computing
#   severity: low
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.11"]
#     pci-dss-4.0: ["3.5.1", "2.2.3"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "SC-39"]
#   remediation:
#     text: "Recreate the instance on a supported machine type (N2D, C2D, C3) with Confidential Computing enabled."
#     cli: "gcloud compute instances create INSTANCE --confidential-compute-type=SEV --machine-type=n2d-standard-2 --maintenance-policy=TERMINATE"
package parapet.rules.gcp.compute.instance_confidential_computing

import data.parapet.lib

confidential(cfg) if cfg.confidentialInstanceConfig.enableConfidentialCompute == true

confidential(cfg) if object.get(cfg, ["confidentialInstanceConfig", "confidentialInstanceType"], "CONFIDENTIAL_INSTANCE_TYPE_UNSPECIFIED") != "CONFIDENTIAL_INSTANCE_TYPE_UNSPECIFIED"

deny contains lib.finding(
	input.resource,
	sprintf("instance %s is not a Confidential VM (confidentialInstanceConfig %v)", [input.resource.config.name, object.get(input.resource.config, "confidentialInstanceConfig", null)]),
	{"confidentialInstanceConfig": object.get(input.resource.config, "confidentialInstanceConfig", null)},
) if {
	not confidential(input.resource.config)
}
