# METADATA
# title: VM instances do not turn OS Login off
# description: >-
#   CIS GCP 4.4: an instance-level enable-oslogin=FALSE overrides the project setting
#   and brings back unmanaged metadata SSH keys.
# custom:
#   id: gcp.compute.instance_os_login_override
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.4"]
#     pci-dss-4.0: ["8.2.1", "8.2.4", "8.2.5"]
#     hipaa: ["164.312(a)(2)(i)", "164.312(d)"]
#     nist-800-53-r5: ["AC-2", "IA-2"]
#   remediation:
#     text: "Remove the enable-oslogin key from the instance metadata (or set it to TRUE)."
#     cli: "gcloud compute instances remove-metadata INSTANCE --keys=enable-oslogin"
package parapet.rules.gcp.compute.instance_os_login_override

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("instance %s sets enable-oslogin to %s", [input.resource.config.name, value]),
	{"enable-oslogin": value},
) if {
	value := lib.gcp.metadata_value(object.get(input.resource.config, "metadata", {}), "enable-oslogin")
	not lib.gcp.metadata_true(value)
}
