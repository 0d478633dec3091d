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
