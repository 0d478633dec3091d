# METADATA
# title: Shared helpers for AWS rules
# description: >-
#   Reads AWS Config configuration items and the Parapet AWS account facts
#   (credential report rows, IAM policy documents, CloudTrail trail status).
package parapet.lib.aws

import data.parapet.lib
import data.parapet.lib.network

# account_resource is the resource id an account-scope rule reports when the
# failure belongs to the account as a whole (the id a PASS would carry).
account_resource(account) := sprintf("%s:account:%s", [account.provider, account.id])

# missing_fact is the finding of an account-scope rule whose evidence was not
# collected (no resource of fact_type for the account): without it the rule
# would deny nothing and the account would wrongly pass.
missing_fact(account, resources, fact_type) := lib.finding(
	account_resource(account),
	sprintf("account %s: no %s was collected, so this cannot be verified", [account.id, fact_type]),
	{"missing": fact_type},
) if {
	count(object.get(resources, fact_type, [])) == 0
}

# --- credential report (Parapet::IAM::CredentialReport) ---

root_user := "<root_account>"

# credential_rows are every row of every credential report in the input list.
credential_rows(reports) := [row |
	some report in reports
	some row in object.get(report, ["config", "Users"], [])
]

# iam_user_rows are the rows of IAM users (the root row excluded).
iam_user_rows(reports) := [row |
	some row in credential_rows(reports)
	row.user != root_user
]

root_row(reports) := row if {
	some row in credential_rows(reports)
	row.user == root_user
}

# is_true reads the report's "true"/"false" strings (and real booleans).
is_true(v) if v == true

is_true(v) if v == "true"

# active_keys lists the slots (1, 2) of a row's active access keys with their dates.
active_keys(row) := [{"slot": n, "last_rotated": object.get(row, sprintf("access_key_%d_last_rotated", [n]), "N/A"), "last_used": object.get(row, sprintf("access_key_%d_last_used_date", [n]), "N/A")} |
	some n in [1, 2]
	is_true(object.get(row, sprintf("access_key_%d_active", [n]), "false"))
]

# --- IAM policy documents ---

# Config records policy documents URL-encoded (RFC 3986, "%7B%22Version…"); the
# evaluator has no urlquery built-in, so decode the printable ASCII escapes.
# percent_escapes maps "%XX" and "%xx" (codes 32..126) to the character. A literal,
# not a comprehension: the wasm evaluator builds rule values once an evaluation, and
# building this with sprintf (run in JavaScript) made it the cost of judging an IAM
# policy. strings.replace_n applies the escapes in the object's internal order, which
# follows insertion order, so the entries keep the order of the comprehension they
# replace: code by code, upper then lower case (aws_test holds that comprehension).
percent_escapes := {
	"%20": " ",
	"%21": "!",
	"%22": "\"",
	"%23": "#",
	"%24": "$",
	"%25": "%",
	"%26": "&",
	"%27": "'",
	"%28": "(",
	"%29": ")",
	"%2A": "*", "%2a": "*",
	"%2B": "+", "%2b": "+",
	"%2C": ",", "%2c": ",",
	"%2D": "-", "%2d": "-",
	"%2E": ".", "%2e": ".",
	"%2F": "/", "%2f": "/",
	"%30": "0",
	"%31": "1",
	"%32": "2",
	"%33": "3",
	"%34": "4",
	"%35": "5",
	"%36": "6",
	"%37": "7",
	"%38": "8",
	"%39": "9",
	"%3A": ":", "%3a": ":",
	"%3B": ";", "%3b": ";",
	"%3C": "<", "%3c": "<",
	"%3D": "=", "%3d": "=",
	"%3E": ">", "%3e": ">",
	"%3F": "?", "%3f": "?",
	"%40": "@",
	"%41": "A",
	"%42": "B",
	"%43": "C",
	"%44": "D",
	"%45": "E",
	"%46": "F",
	"%47": "G",
	"%48": "H",
	"%49": "I",
	"%4A": "J", "%4a": "J",
	"%4B": "K", "%4b": "K",
	"%4C": "L", "%4c": "L",
	"%4D": "M", "%4d": "M",
	"%4E": "N", "%4e": "N",
	"%4F": "O", "%4f": "O",
	"%50": "P",
	"%51": "Q",
	"%52": "R",
	"%53": "S",
	"%54": "T",
	"%55": "U",
	"%56": "V",
	"%57": "W",
	"%58": "X",
	"%59": "Y",
	"%5A": "Z", "%5a": "Z",
	"%5B": "[", "%5b": "[",
	"%5C": "\\", "%5c": "\\",
	"%5D": "]", "%5d": "]",
	"%5E": "^", "%5e": "^",
	"%5F": "_", "%5f": "_",
	"%60": "`",
	"%61": "a",
	"%62": "b",
	"%63": "c",
	"%64": "d",
	"%65": "e",
	"%66": "f",
	"%67": "g",
	"%68": "h",
	"%69": "i",
	"%6A": "j", "%6a": "j",
	"%6B": "k", "%6b": "k",
	"%6C": "l", "%6c": "l",
	"%6D": "m", "%6d": "m",
	"%6E": "n", "%6e": "n",
	"%6F": "o", "%6f": "o",
	"%70": "p",
	"%71": "q",
	"%72": "r",
	"%73": "s",
	"%74": "t",
	"%75": "u",
	"%76": "v",
	"%77": "w",
	"%78": "x",
	"%79": "y",
	"%7A": "z", "%7a": "z",
	"%7B": "{", "%7b": "{",
	"%7C": "|", "%7c": "|",
	"%7D": "}", "%7d": "}",
	"%7E": "~", "%7e": "~",
}

control_escapes := {"%0A": "\n", "%0a": "\n", "%0D": "\r", "%0d": "\r", "%09": "\t"}

url_decode(s) := strings.replace_n(object.union(percent_escapes, control_escapes), replace(s, "+", " "))

# policy_document decodes a policy document as Config or an SDK gives it: an
# object, a JSON string, or a URL-encoded JSON string.
policy_document(doc) := doc if is_object(doc)

policy_document(doc) := json.unmarshal(doc) if {
	is_string(doc)
	startswith(trim_space(doc), "{")
}

policy_document(doc) := json.unmarshal(url_decode(doc)) if {
	is_string(doc)
	not startswith(trim_space(doc), "{")
}

# as_list turns a one-or-many policy field ("*" or ["*"]) into an array.
as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

statements(doc) := as_list(object.get(policy_document(doc), "Statement", []))

# allows_full_admin: some statement allows every action on every resource.
allows_full_admin(doc) if {
	some st in statements(doc)
	st.Effect == "Allow"
	"*" in as_list(object.get(st, "Action", []))
	"*" in as_list(object.get(st, "Resource", []))
}

# default_version_document is the document of a managed policy's default version.
default_version_document(policy_config) := v.document if {
	some v in object.get(policy_config, "policyVersionList", [])
	v.isDefaultVersion == true
}

# --- CloudTrail (Parapet::CloudTrail::TrailStatus) ---

is_logging(trail) if trail.config.Status.IsLogging == true

is_multi_region(trail) if trail.config.Trail.IsMultiRegionTrail == true

# logs_all_management_events: read and write management events are recorded.
logs_all_management_events(trail) if {
	some sel in object.get(trail.config, "EventSelectors", [])
	object.get(sel, "IncludeManagementEvents", false) == true
	object.get(sel, "ReadWriteType", "All") == "All"
}

logs_all_management_events(trail) if {
	some sel in object.get(trail.config, "AdvancedEventSelectors", [])
	field_equals(sel, "eventCategory", "Management")
	not has_field(sel, "readOnly")
}

# is_complete_trail: the trail CIS 3.1 asks for.
is_complete_trail(trail) if {
	is_multi_region(trail)
	is_logging(trail)
	logs_all_management_events(trail)
}

has_field(sel, name) if {
	some fs in object.get(sel, "FieldSelectors", [])
	fs.Field == name
}

field_equals(sel, name, value) if {
	some fs in object.get(sel, "FieldSelectors", [])
	fs.Field == name
	value in object.get(fs, "Equals", [])
}

# logs_s3_objects: the trail records S3 object-level events of `access`
# ("write" or "read") for bucket_name in region.
logs_s3_objects(trail, bucket_name, region, access) if {
	is_logging(trail)
	trail_covers_region(trail, region)
	some sel in object.get(trail.config, "EventSelectors", [])
	object.get(sel, "ReadWriteType", "All") in rw_types[access]
	some dr in object.get(sel, "DataResources", [])
	dr.Type == "AWS::S3::Object"
	some value in dr.Values
	s3_value_covers(value, bucket_name)
}

logs_s3_objects(trail, bucket_name, region, access) if {
	is_logging(trail)
	trail_covers_region(trail, region)
	some sel in object.get(trail.config, "AdvancedEventSelectors", [])
	field_equals(sel, "eventCategory", "Data")
	field_equals(sel, "resources.type", "AWS::S3::Object")
	advanced_read_only_allows(sel, access)
	advanced_arn_covers(sel, bucket_name)
}

rw_types := {"write": {"All", "WriteOnly"}, "read": {"All", "ReadOnly"}}

trail_covers_region(trail, _) if is_multi_region(trail)

trail_covers_region(trail, region) if trail.config.Trail.HomeRegion == region

# "arn:aws:s3" (or "arn:aws:s3:::") selects every bucket; "arn:aws:s3:::b/" one bucket.
# The first matches ^arn:[a-z-]+:s3(:::)?$ without regex.match, which the wasm
# evaluator compiles anew in every evaluation.
s3_value_covers(value, _) if {
	parts := split(value, ":")
	parts[0] == "arn"
	parts[2] == "s3"
	every_bucket_tail(parts)
	parts[1] != ""
	trim_left(parts[1], "abcdefghijklmnopqrstuvwxyz-") == ""
}

s3_value_covers(value, bucket_name) if {
	parts := split(value, ":::")
	count(parts) == 2
	startswith(parts[1], bucket_prefix(bucket_name))
}

every_bucket_tail(parts) if count(parts) == 3

every_bucket_tail(parts) if {
	count(parts) == 6
	parts[3] == ""
	parts[4] == ""
	parts[5] == ""
}

# bucket_prefix is sprintf("%s/", [bucket_name]), without the JavaScript round trip
# that sprintf costs in the wasm evaluator when the name is a string.
bucket_prefix(bucket_name) := concat("", [bucket_name, "/"]) if is_string(bucket_name)

else := sprintf("%s/", [bucket_name])

advanced_read_only_allows(sel, _) if not has_field(sel, "readOnly")

advanced_read_only_allows(sel, "write") if field_equals(sel, "readOnly", "false")

advanced_read_only_allows(sel, "read") if field_equals(sel, "readOnly", "true")

advanced_arn_covers(sel, _) if not has_field(sel, "resources.ARN")

advanced_arn_covers(sel, bucket_name) if {
	some fs in object.get(sel, "FieldSelectors", [])
	fs.Field == "resources.ARN"
	some prefix in object.get(fs, "StartsWith", [])
	s3_value_covers(prefix, bucket_name)
}

# --- EC2 security groups (AWS::EC2::SecurityGroup) ---

# world_ingress lists the ingress permissions of a security group open to the
# whole Internet: {protocol, from, to, cidr, family}. Protocol "-1" means every
# protocol and port; Config lists IPv4 CIDRs both as ipRanges (strings) and as
# ipv4Ranges objects, so duplicates collapse in the set.
world_ingress(config) := {{"protocol": p.ipProtocol, "from": ports[0], "to": ports[1], "cidr": c.cidr, "family": c.family} |
	some p in object.get(config, "ipPermissions", [])
	some c in permission_cidrs(p)
	network.is_world(c.cidr)
	ports := permission_ports(p)
}

permission_cidrs(p) := ({{"family": "ipv4", "cidr": cidr_text(r, "cidrIp")} | some r in object.get(p, "ipRanges", [])} | {{"family": "ipv4", "cidr": r.cidrIp} | some r in object.get(p, "ipv4Ranges", [])}) | {{"family": "ipv6", "cidr": r.cidrIpv6} | some r in object.get(p, "ipv6Ranges", [])}

cidr_text(r, _) := r if is_string(r)

cidr_text(r, field) := r[field] if is_object(r)

permission_ports(p) := [0, 65535] if p.ipProtocol in {"-1", "all"}

else := [object.get(p, "fromPort", 0), object.get(p, "toPort", 65535)]

# Protocols that carry SSH / RDP: TCP, UDP (RDP) and "all".
admin_protocols := {"-1", "all", "tcp", "6", "udp", "17"}

# input_world_ingress is world_ingress of the judged security group: a rule, so
# the wasm evaluator works it out once an evaluation for the three rules that ask,
# not once a rule (functions are not memoized).
input_world_ingress := world_ingress(input.resource.config)

# open_admin_ports are the world-open ingress entries of a family that reach 22 or 3389.
open_admin_ports(config, family) := admin_entries(world_ingress(config), family)

# input_open_admin_ports is open_admin_ports of the judged security group.
input_open_admin_ports(family) := admin_entries(input_world_ingress, family)

admin_entries(ingress, family) := {{"protocol": r.protocol, "ports": ports, "cidr": r.cidr} |
	some r in ingress
	r.family == family
	r.protocol in admin_protocols
	ports := network.admin_ports_in_range(r.from, r.to)
	count(ports) > 0
}
