# METADATA
# title: VM instances do not enable interactive serial port access
# description: >-
#   CIS GCP 4.5: the interactive serial console accepts connections from any IP address
#   and is not filtered by firewall rules.
# custom:
#   id: gcp.compute.instance_serial_port
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["4.5"]
#     pci-dss-4.0: ["1.3.1", "2.2.4"]
#     hipaa: ["164.312(a)(1)"]
#     nist-800-53-r5: ["CM-7", "AC-17"]
#   remediation:
#     text: "Set serial-port-enable to false (or remove it) on the instance."
#     cli: "gcloud compute instances add-metadata INSTANCE --metadata=serial-port-enable=false"
package parapet.rules.gcp.compute.instance_serial_port

import data.parapet.lib

deny contains lib.finding(
	input.resource,
	sprintf("instance %s enables interactive serial port access (serial-port-enable=%s)", [input.resource.config.name, value]),
	{"serial-port-enable": value},
) if {
	value := lib.gcp.metadata_value(object.get(input.resource.config, "metadata", {}), "serial-port-enable")
	lib.gcp.metadata_true(value)
}
