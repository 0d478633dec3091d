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
	rfc3339_shape(ts)
}

# rfc3339_shape: ts matches ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$
# (ASCII digits). Checked with string built-ins, not regex.match: the wasm evaluator
# compiles a regex anew in every evaluation, which cost more than the whole check.
rfc3339_shape(ts) if {
	shape := strings.replace_n(digits_as_zero, ts)
	startswith(shape, "0000-00-00T00:00:00")
	fraction_and_zone(substring(shape, 19, -1))
}

digits_as_zero := {"1": "0", "2": "0", "3": "0", "4": "0", "5": "0", "6": "0", "7": "0", "8": "0", "9": "0"}

zones := ["Z", "+00:00", "-00:00"]

fraction_and_zone(rest) if rest in zones

fraction_and_zone(rest) if {
	startswith(rest, ".")
	some zone in zones
	endswith(rest, zone)
	fraction := trim_suffix(trim_prefix(rest, "."), zone)
	fraction != ""
	trim_left(fraction, "0") == ""
}

# age_days is the whole number of days from ts to now (rounded down).
age_days(ts, now) := floor((now - timestamp_ns(ts)) / ns_per_day)

# older_than_days: strictly more than `days` days have passed since ts.
older_than_days(ts, days, now) if now - timestamp_ns(ts) > days * ns_per_day

# at_least_days: `days` days or more have passed since ts.
at_least_days(ts, days, now) if now - timestamp_ns(ts) >= days * ns_per_day

# before_now: ts lies in the past.
before_now(ts, now) if timestamp_ns(ts) < now
