# METADATA
# title: Shared helpers for Parapet rules
# description: Builds deny entries in the shape every rule reports.
package parapet.lib

# finding builds a deny entry: the message, the id of the failing resource and
# the evidence (the config values that failed). `resource` is a resource object
# or its id.
finding(resource, msg, evidence) := {"msg": msg, "resource": resource.id, "evidence": evidence} if is_object(resource)

finding(resource, msg, evidence) := {"msg": msg, "resource": resource, "evidence": evidence} if is_string(resource)

# show renders a value for a message: strings as they are, everything else as
# JSON (null, booleans, numbers, lists of scalars). For objects use %v instead:
# json.marshal orders object keys differently in the wasm evaluator.
show(x) := x if is_string(x)

else := json.marshal(x)

# fmt_s(x) is x as sprintf's %s prints it. The messages of the rules that fail most
# often are built with concat and fmt_s instead of sprintf: the wasm evaluator runs
# sprintf in JavaScript, a round trip of a few microseconds for every finding.
fmt_s(x) := x if is_string(x)

else := sprintf("%s", [x])
