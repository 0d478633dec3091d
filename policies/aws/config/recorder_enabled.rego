# METADATA
# title: AWS Config records all resource types in every region
# description: >-
#   AWS Config keeps the configuration history used for audits, change tracking
#   and incident forensics; a region without an active recorder of all supported
#   types is blind.
# custom:
#   id: aws.config.recorder_enabled
#   severity: medium
#   resource_types: [Parapet::Config::Recorders]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["3.3"]
#     pci-dss-4.0: ["10.2.1", "12.5.1"]
#     nist-800-53-r5: ["CM-3", "CM-8", "CA-7"]
#     hipaa: ["164.312(b)"]
#   remediation:
#     text: Create a configuration recorder recording all supported resource types, a delivery channel, and start the recorder.
#     cli: aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role> --recording-group allSupported=true,includeGlobalResourceTypes=true && aws configservice start-configuration-recorder --configuration-recorder-name default
package parapet.rules.aws.config.recorder_enabled

import data.parapet.lib

recorders := object.get(input.resource.config, "ConfigurationRecorders", [])

statuses := object.get(input.resource.config, "ConfigurationRecordersStatus", [])

summary := [{"name": r.name, "allSupported": object.get(r, ["recordingGroup", "allSupported"], false), "recording": object.get(status_of(r.name), "recording", false), "lastStatus": object.get(status_of(r.name), "lastStatus", "none")} | some r in recorders]

status_of(name) := s if {
	some s in statuses
	s.name == name
} else := {}

deny contains lib.finding(input.resource, msg, {"recorders": summary}) if {
	not any_complete
	msg := sprintf("region %s of account %s has no AWS Config recorder that records all resource types and is running (recorders: %s)", [input.resource.region, input.resource.account, lib.show(summary)])
}

any_complete if {
	some r in summary
	r.allSupported == true
	r.recording == true
	r.lastStatus != "FAILURE"
}
