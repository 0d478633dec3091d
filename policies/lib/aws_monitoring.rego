# METADATA
# title: CloudWatch monitoring of CloudTrail events (CIS AWS 4.x)
# description: >-
#   Decides whether an account alerts on a class of CloudTrail events: a
#   multi-region, logging trail that records all management events delivers to a
#   CloudWatch Logs group; a metric filter on that group matches the events; an
#   alarm on the filter's metric notifies an SNS topic with a confirmed subscription.
package parapet.lib.aws.monitoring

import data.parapet.lib.aws

trail_type := "Parapet::CloudTrail::TrailStatus"

alarms_type := "Parapet::CloudWatch::MetricFilterAlarms"

# log_groups are the CloudWatch Logs groups ({region, name}) fed by complete trails.
log_groups(resources) := {{"region": parts[3], "name": parts[6]} |
	some trail in object.get(resources, trail_type, [])
	aws.is_complete_trail(trail)
	arn := object.get(trail.config.Trail, "CloudWatchLogsLogGroupArn", "")
	is_string(arn)
	parts := split(arn, ":")
	count(parts) >= 7
}

# normalize drops whitespace and double quotes, so `$.eventName = "X"` and
# `$.eventName=X` compare equal.
normalize(pattern) := regex.replace(pattern, `[\s"]`, "")

# has_term: the normalized pattern contains term, not as the prefix of a longer
# name (`DeletePolicy` must not be found in `DeletePolicyVersion`).
has_term(pattern, term) if {
	parts := split(pattern, term)
	count(parts) > 1
	some i in numbers.range(1, count(parts) - 1)
	not regex.match(`^[A-Za-z0-9_]`, parts[i])
}

# matches_all: the filter pattern contains every required term.
matches_all(pattern, terms) if {
	p := normalize(pattern)
	every term in terms {
		has_term(p, normalize(term))
	}
}

# matching_filters are the metric filters on a trail log group that match terms.
matching_filters(resources, terms) := [{"fact": fact, "filter": f} |
	groups := log_groups(resources)
	some fact in object.get(resources, alarms_type, [])
	some f in object.get(fact.config, "MetricFilters", [])
	{"region": fact.region, "name": f.logGroupName} in groups
	matches_all(f.filterPattern, terms)
]

# alarmed: an alarm on the filter's metric notifies a confirmed SNS subscriber.
alarmed(match) if {
	some mt in object.get(match.filter, "metricTransformations", [])
	some alarm in object.get(match.fact.config, "MetricAlarms", [])
	alarm.MetricName == mt.metricName
	alarm.Namespace == mt.metricNamespace
	some topic in object.get(alarm, "AlarmActions", [])
	some sub in object.get(match.fact.config, ["Subscriptions", topic], [])
	startswith(object.get(sub, "SubscriptionArn", ""), "arn:")
}

filter_names(matches) := [m.filter.filterName | some m in matches]

# gap explains the first missing link for the events `what`; undefined when
# the account is monitored.
gap(resources, terms, what) := {
	"msg": sprintf("no multi-region CloudTrail trail that logs all management events delivers to CloudWatch Logs, so %s are not monitored", [what]),
	"evidence": {"trail_log_groups": []},
} if {
	count(log_groups(resources)) == 0
} else := {
	"msg": sprintf("no metric filter on the CloudTrail log group(s) %s matches %s (required terms: %s)", [concat(", ", sort([g.name | some g in log_groups(resources)])), what, concat(" ", terms)]),
	"evidence": {"trail_log_groups": sort([g.name | some g in log_groups(resources)]), "required_terms": terms},
} if {
	count(matching_filters(resources, terms)) == 0
} else := {
	"msg": sprintf("metric filter(s) %s for %s have no alarm notifying a confirmed SNS subscription", [concat(", ", sort(filter_names(matching_filters(resources, terms)))), what]),
	"evidence": {"metric_filters": sort(filter_names(matching_filters(resources, terms)))},
} if {
	not any_alarmed(resources, terms)
}

any_alarmed(resources, terms) if {
	some m in matching_filters(resources, terms)
	alarmed(m)
}
