# METADATA
# title: Date helpers shared by every cloud
# description: >-
#   Ages of timestamps relative to an explicit `now` (rules pass time.now_ns(),
#   fixed for one scan), so tests can pin the clock and probe exact thresholds.
package parapet.lib.dates

ns_per_day := 86400000000000

# timestamp_ns parses an RFC 3339 timestamp; undefined for placeholders such
# as the credential report's "N/A" or "no_information".
timestamp_ns(ts) := time.parse_rfc3339_ns(ts) if {
	is_string(ts)
	regex.match(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, ts)
}

# age_days is the whole number of days from ts to now (rounded down).
age_days(ts, now) := floor((now - timestamp_ns(ts)) / ns_per_day)

# older_than_days: strictly more than `days` days have passed since ts.
older_than_days(ts, days, now) if now - timestamp_ns(ts) > days * ns_per_day

# at_least_days: `days` days or more have passed since ts.
at_least_days(ts, days, now) if now - timestamp_ns(ts) >= days * ns_per_day

# before_now: ts lies in the past.
before_now(ts, now) if timestamp_ns(ts) < now
