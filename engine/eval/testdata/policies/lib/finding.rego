# METADATA
# title: Shared helpers for Parapet rules
# description: Builds deny entries in the shape every rule reports.
package parapet.lib

# finding builds a deny entry: the message, the id of the failing resource and
# the evidence (the config values that failed). `resource` is a resource object
# or its id.
finding(resource, msg, evidence) := {"msg": msg, "resource": resource.id, "evidence": evidence} if is_object(resource)

finding(resource, msg, evidence) := {"msg": msg, "resource": resource, "evidence": evidence} if is_string(resource)
