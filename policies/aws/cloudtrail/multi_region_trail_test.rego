package parapet.rules.aws.cloudtrail.multi_region_trail_test

import data.parapet.rules.aws.cloudtrail.multi_region_trail

account := {"provider": "aws", "id": "111122223333"}

trail := {"id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "type": "Parapet::CloudTrail::TrailStatus", "provider": "aws", "account": "111122223333", "region": "us-east-1", "config": {
	"Trail": {"Name": "main", "S3BucketName": "org-cloudtrail-logs", "IncludeGlobalServiceEvents": true, "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "LogFileValidationEnabled": true, "HasCustomEventSelectors": false, "IsOrganizationTrail": false},
	"Status": {"IsLogging": true, "LatestDeliveryTime": "2024-05-31T23:55:00Z"},
	"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}],
	"AdvancedEventSelectors": [],
}}

with_config(t, part, value) := object.union(t, {"config": object.union(t.config, {part: value})})

single_region := with_config(trail, "Trail", object.union(trail.config.Trail, {"IsMultiRegionTrail": false}))

stopped := with_config(trail, "Status", {"IsLogging": false})

write_only := with_config(trail, "EventSelectors", [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true, "DataResources": []}])

advanced := with_config(with_config(trail, "EventSelectors", []), "AdvancedEventSelectors", [{"Name": "Management events", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}])

advanced_read_only := with_config(with_config(trail, "EventSelectors", []), "AdvancedEventSelectors", [{"Name": "Reads", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["true"]}]}])

pass_complete_trail := {"account": account, "resources": {"Parapet::CloudTrail::TrailStatus": [single_region, trail]}}

pass_advanced_selectors := {"account": account, "resources": {"Parapet::CloudTrail::TrailStatus": [advanced]}}

fail_no_trail := {"account": account, "resources": {"Parapet::CloudTrail::TrailStatus": []}}

fail_incomplete_trails := {"account": account, "resources": {"Parapet::CloudTrail::TrailStatus": [single_region, stopped, write_only, advanced_read_only]}}

test_pass_with_a_complete_trail if {
	count(multi_region_trail.deny) == 0 with input as pass_complete_trail
	count(multi_region_trail.deny) == 0 with input as pass_advanced_selectors
}

test_fail_without_trails if {
	some f in multi_region_trail.deny with input as fail_no_trail
	f.resource == "aws:account:111122223333"
	contains(f.msg, "0 trail(s) checked")
}

test_fail_with_only_incomplete_trails if {
	some f in multi_region_trail.deny with input as fail_incomplete_trails
	contains(f.msg, "4 trail(s) checked")
	{"name": "main", "IsMultiRegionTrail": true, "IsLogging": false, "AllManagementEvents": true} in f.evidence.trails
	{"name": "main", "IsMultiRegionTrail": true, "IsLogging": true, "AllManagementEvents": false} in f.evidence.trails
}
