# METADATA
# title: GCP helpers for Parapet rules
# description: >-
#   Shared logic of the GCP rules over Cloud Asset data: IAM members, firewall
#   ports, Cloud SQL flags, ages of timestamps and log-based metric alerts.
package parapet.lib.gcp

# The resource id an account-scope rule names when the whole project fails (the
# same id the engine gives the account's PASS).
account_resource_id(account) := sprintf("gcp:account:%s", [account.id])

# IAM members that grant access to anyone on the internet.
public_members := {"allUsers", "allAuthenticatedUsers"}

# bindings_of returns the bindings of a resource's IAM policy (none when absent).
bindings_of(resource) := object.get(resource, ["iam_policy", "bindings"], [])

# public_bindings lists the role/member pairs of a resource's IAM policy that
# grant access to allUsers or allAuthenticatedUsers.
public_bindings(resource) := [{"role": b.role, "member": m} |
	some b in bindings_of(resource)
	some m in b.members
	m in public_members
]

# members_with_role is the set of members bound to `role` on the resource.
members_with_role(resource, role) := {m |
	some b in bindings_of(resource)
	b.role == role
	some m in b.members
}

# A principal that is a person or a group of people (not a service account).
human_member(m) if startswith(m, "user:")

human_member(m) if startswith(m, "group:")

human_member(m) if startswith(m, "domain:")

# The Compute Engine default service account: <project number>-compute@developer.gserviceaccount.com.
# Matches ^[0-9]+-compute@developer\.gserviceaccount\.com$ without regex.match, which
# the wasm evaluator compiles anew in every evaluation.
default_compute_service_account(email) if {
	endswith(email, default_compute_suffix)
	number := trim_suffix(email, default_compute_suffix)
	number != ""
	trim_left(number, "0123456789") == ""
}

default_compute_suffix := "-compute@developer.gserviceaccount.com"

# GKE creates and manages the VMs of its node pools; CIS excludes them from VM checks.
gke_node(instance) if startswith(instance.name, "gke-")

gke_node(instance) if instance.labels["goog-gke-node"]

# metadata_value returns the value of a Compute metadata key ({"items": [{key, value}]}).
metadata_value(metadata, key) := item.value if {
	some item in object.get(metadata, "items", [])
	item.key == key
}

# metadata_true holds for the values GCE reads as true in boolean metadata keys.
metadata_true(value) if lower(value) in {"true", "1", "yes", "y"}

# ---------------------------------------------------------------------------
# Time

ns_per_day := ((24 * 60) * 60) * 1000000000

# age_days is the age in whole-or-fractional days of an RFC 3339 timestamp at `now` (ns).
age_days(timestamp, now) := (now - time.parse_rfc3339_ns(timestamp)) / ns_per_day

# duration_seconds parses a protobuf Duration in JSON form ("7776000s", "3.5s").
duration_seconds(d) := to_number(trim_suffix(d, "s"))

# ---------------------------------------------------------------------------
# Networks

world_cidrs := {"0.0.0.0/0", "::/0", "0::0/0", "::0/0"}

# An ingress firewall rule that is in force (Firewall.direction defaults to INGRESS).
active_ingress(fw) if {
	object.get(fw, "direction", "INGRESS") == "INGRESS"
	not fw.disabled
}

# world_sources lists the source ranges of a firewall rule open to the internet.
world_sources(fw) := [r | some r in object.get(fw, "sourceRanges", []); r in world_cidrs]

# allowed_entries_for_port lists the `allowed` entries that admit TCP `port`.
allowed_entries_for_port(fw, port) := [a |
	some a in object.get(fw, "allowed", [])
	lower(a.IPProtocol) in {"tcp", "6", "all"}
	port_listed(object.get(a, "ports", []), port)
]

port_listed(ports, _) if count(ports) == 0

port_listed(ports, port) if {
	some spec in ports
	port_in_spec(spec, port)
}

port_in_spec(spec, port) if {
	not contains(spec, "-")
	to_number(spec) == port
}

port_in_spec(spec, port) if {
	bounds := split(spec, "-")
	count(bounds) == 2
	to_number(bounds[0]) <= port
	port <= to_number(bounds[1])
}

# same_network compares network URLs whatever their API version prefix
# (https://www.googleapis.com/compute/v1/projects/p/global/networks/n, .../beta/...).
same_network(a, b) := network_path(a) == network_path(b)

network_path(url) := concat("/", ["projects", rest]) if {
	parts := split(url, "/projects/")
	count(parts) > 1
	rest := parts[count(parts) - 1]
}

network_path(url) := url if not contains(url, "/projects/")

# ---------------------------------------------------------------------------
# Cloud SQL

# sql_engine is MYSQL, POSTGRES or SQLSERVER for an instance's databaseVersion.
sql_engine(instance) := split(instance.databaseVersion, "_")[0]

# sql_flag is the value of a database flag set on the instance (undefined when unset).
sql_flag(instance, name) := flag.value if {
	some flag in object.get(instance, ["settings", "databaseFlags"], [])
	flag.name == name
}

sql_flag_set(instance, name) if {
	some flag in object.get(instance, ["settings", "databaseFlags"], [])
	flag.name == name
}

# ---------------------------------------------------------------------------
# Log-based metrics and alert policies (CIS GCP 2.4-2.11)

# normalize_filter lowers a Logging query and drops spaces and quotes, so that
# `protoPayload.methodName = "SetIamPolicy"` and `protoPayload.methodName="SetIamPolicy"` compare equal.
normalize_filter(f) := lower(replace(replace(replace(replace(f, " ", ""), "\n", ""), "\t", ""), "\"", ""))

# filter_matches holds when a metric filter contains every required fragment
# (fragments are written in normalized form).
filter_matches(filter, fragments) if {
	f := normalize_filter(filter)
	every fragment in fragments {
		contains(f, fragment)
	}
}

# metric_short_name is the metric id of a LogMetric, whether `name` holds the
# bare id or the full projects/<p>/metrics/<id> path.
metric_short_name(metric) := parts[count(parts) - 1] if {
	parts := split(metric.name, "/metrics/")
}

# alerted_metrics is the set of user-defined log metric ids that an enabled
# alert policy watches (metric.type="logging.googleapis.com/user/<id>").
alerted_metrics(policies) := {name |
	some p in policies
	object.get(p.config, "enabled", true) == true
	some c in object.get(p.config, "conditions", [])
	some kind in ["conditionThreshold", "conditionAbsent"]
	filter := c[kind].filter
	parts := split(filter, "logging.googleapis.com/user/")
	some i, part in parts
	i > 0
	name := split(trim_left(replace(replace(part, "\"", " "), ")", " "), " "), " ")[0]
}

# alerted_matching_metrics lists the metrics whose filter has all the fragments
# and that an enabled alert policy watches.
alerted_matching_metrics(metrics, policies, fragments) := [metric_short_name(m.config) |
	some m in metrics
	filter_matches(object.get(m.config, "filter", ""), fragments)
	not m.config.disabled
	metric_short_name(m.config) in alerted_metrics(policies)
]

# matching_metrics lists the ids of the metrics whose filter has all the fragments.
matching_metrics(metrics, fragments) := [metric_short_name(m.config) |
	some m in metrics
	filter_matches(object.get(m.config, "filter", ""), fragments)
	not m.config.disabled
]
