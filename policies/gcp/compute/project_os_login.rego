# METADATA
# title: OS Login is enabled for the project
# description: >-
#   CIS GCP 4.4: OS Login ties SSH access to IAM identities, so access follows the user
#   lifecycle, can require 2-step verification and is audited.
# custom:
#   id: gcp.compute.project_os_login
#   severity: medium
#   resource_types: [compute.googleapis.com/Project]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.4"]
#     pci-dss-4.0: ["8.2.1", "8.2.4", "8.2.5"]
#     hipaa: ["164.312(a)(2)(i)", "164.312(d)"]
#     nist-800-53-r5: ["AC-2", "IA-2"]
#   remediation:
#     text: "Set the enable-oslogin metadata key to TRUE in the project's common instance metadata."
#     cli: "gcloud compute project-info add-metadata --metadata=enable-oslogin=TRUE"
package parapet.rules.gcp.compute.project_os_login

import data.parapet.lib

enabled(cfg) if lib.gcp.metadata_true(lib.gcp.metadata_value(object.get(cfg, "commonInstanceMetadata", {}), "enable-oslogin"))

deny contains lib.finding(
	input.resource,
	sprintf("project %s does not enable OS Login (enable-oslogin %v)", [input.resource.config.name, values]),
	{"enable-oslogin": values},
) if {
	not enabled(input.resource.config)
	values := [v | v := lib.gcp.metadata_value(object.get(input.resource.config, "commonInstanceMetadata", {}), "enable-oslogin")]
}
