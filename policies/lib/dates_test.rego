package parapet.lib.dates_test

import data.parapet.lib.dates

# 2024-06-01T00:00:00Z
now := 1717200000000000000

test_timestamp_parsing if {
	dates.timestamp_ns("2024-06-01T00:00:00Z") == now
	dates.timestamp_ns("2024-06-01T00:00:00+00:00") == now
	dates.timestamp_ns("2024-06-01T00:00:00.000Z") == now
	not dates.timestamp_ns("N/A")
	not dates.timestamp_ns("no_information")
	not dates.timestamp_ns(null)
}

# The shape rfc3339_shape accepts is the regex it stands for:
# ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$
test_rfc3339_shape_is_the_regex if {
	shapes := [
		"2024-06-01T00:00:00Z", "2024-06-01T00:00:00.1Z", "2024-06-01T00:00:00.123456789-07:30",
		"2024-06-01T00:00:00+05:00", "2024-06-01T00:00:00", "2024-06-01t00:00:00Z",
		"2024-06-01T00:00:00z", "2024-06-01T00:00:00.Z", "2024-06-01T00:00:00..1Z",
		"2024-06-01T00:00:00.1.1Z", "2024-06-01T00:00:00+0500", "2024-06-01T00:00:00Z\n",
		" 2024-06-01T00:00:00Z", "24-06-01T00:00:00Z", "2024-6-01T00:00:00Z", "2024-06-01T00:00:00+05:00Z",
		"2024-06-01T00:00:00.1a2Z", "\u0662024-06-01T00:00:00Z", "", "N/A",
	]
	accepted := {ts | some ts in shapes; dates.rfc3339_shape(ts)}
	accepted == {ts | some ts in shapes; regex.match(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, ts)}
	count(accepted) == 4
}

test_thresholds if {
	# 2024-03-03 is exactly 90 days before 2024-06-01.
	dates.age_days("2024-03-03T00:00:00Z", now) == 90
	not dates.older_than_days("2024-03-03T00:00:00Z", 90, now)
	dates.older_than_days("2024-03-02T23:59:59Z", 90, now)
	dates.at_least_days("2024-03-03T00:00:00Z", 90, now)
	not dates.at_least_days("2024-03-03T00:00:01Z", 90, now)
	dates.before_now("2024-05-31T23:59:59Z", now)
	not dates.before_now("2024-06-01T00:00:00Z", now)
}
