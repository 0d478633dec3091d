package parapet.rules.aws.accessanalyzer.analyzer_enabled_test

import data.parapet.rules.aws.accessanalyzer.analyzer_enabled

region(list) := {"resource": {"id": "arn:aws:parapet:eu-west-1:111122223333:access-analyzers", "type": "Parapet::AccessAnalyzer::Analyzers", "provider": "aws", "account": "111122223333", "region": "eu-west-1", "config": {"Analyzers": list}}, "facts": {}}

active := {"arn": "arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/default", "name": "default", "type": "ACCOUNT", "status": "ACTIVE", "createdAt": "2024-01-01T00:00:00Z"}

pass_active := region([active])

fail_none := region([])

fail_disabled := region([object.union(active, {"status": "DISABLED"})])

test_pass_with_active_analyzer if {
	count(analyzer_enabled.deny) == 0 with input as pass_active
}

test_fail_without_active_analyzer if {
	some f in analyzer_enabled.deny with input as fail_none
	contains(f.msg, "region eu-west-1")
	some g in analyzer_enabled.deny with input as fail_disabled
	g.evidence.Analyzers == [{"name": "default", "status": "DISABLED"}]
}
