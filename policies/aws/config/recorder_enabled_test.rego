package parapet.rules.aws.config.recorder_enabled_test

import data.parapet.rules.aws.config.recorder_enabled

region(config) := {"resource": {"id": "arn:aws:parapet:eu-west-1:111122223333:config-recorders", "type": "Parapet::Config::Recorders", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": config}, "facts": {}}

recorder := {"name": "default", "roleARN": "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig", "recordingGroup": {"allSupported": true, "includeGlobalResourceTypes": true, "resourceTypes": []}}

running := {"name": "default", "recording": true, "lastStatus": "SUCCESS", "lastStartTime": "2024-01-01T00:00:00Z"}

pass_recording := region({"ConfigurationRecorders": [recorder], "ConfigurationRecordersStatus": [running]})

fail_none := region({"ConfigurationRecorders": [], "ConfigurationRecordersStatus": []})

fail_stopped := region({"ConfigurationRecorders": [recorder], "ConfigurationRecordersStatus": [object.union(running, {"recording": false})]})

fail_some_types := region({"ConfigurationRecorders": [object.union(recorder, {"recordingGroup": {"allSupported": false, "resourceTypes": ["AWS::EC2::Instance"]}})], "ConfigurationRecordersStatus": [running]})

fail_delivery_failing := region({"ConfigurationRecorders": [recorder], "ConfigurationRecordersStatus": [object.union(running, {"lastStatus": "FAILURE"})]})

fail_no_status := region({"ConfigurationRecorders": [recorder]})

test_pass_when_recording_everything if {
	count(recorder_enabled.deny) == 0 with input as pass_recording
}

test_fail_without_recorder if {
	some f in recorder_enabled.deny with input as fail_none
	contains(f.msg, "region eu-west-1")
}

test_fail_when_stopped_partial_or_failing if {
	some f in recorder_enabled.deny with input as fail_stopped
	f.evidence.recorders == [{"name": "default", "allSupported": true, "recording": false, "lastStatus": "SUCCESS"}]
	count(recorder_enabled.deny) == 1 with input as fail_some_types
	count(recorder_enabled.deny) == 1 with input as fail_delivery_failing
	count(recorder_enabled.deny) == 1 with input as fail_no_status
}
