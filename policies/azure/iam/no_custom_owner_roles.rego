# METADATA
# title: "No custom role grants subscription-wide administrator rights"
# description: "A custom role with action '*' assignable at the subscription (or root) scope is an undocumented Owner: it grants every permission and escapes the review built-in roles get."
# custom:
#   id: azure.iam.no_custom_owner_roles
#   severity: high
#   resource_types: ["microsoft.authorization/roledefinitions"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["1.22"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)"]
#     nist-800-53-r5: ["AC-6", "AC-6(1)", "AC-2"]
#   remediation:
#     text: "Delete the custom role or replace '*' with the specific actions needed; use the built-in Owner role where full rights are truly needed."
#     cli: "az role definition delete --name <role name>"
package parapet.rules.azure.iam.no_custom_owner_roles

import data.parapet.lib
import data.parapet.lib.azure

admin_scope(scope) if scope == "/"

admin_scope(scope) if lower(trim_suffix(scope, "/")) == azure.subscription_id(input.account)

admin_scope(scope) if startswith(lower(scope), "/providers/microsoft.management/managementgroups/")

deny contains lib.finding(r, msg, {"roleName": name, "actions": ["*"], "assignableScopes": scopes}) if {
	some r in azure.resources_of(input, "microsoft.authorization/roledefinitions")
	p := azure.props(r)
	p.type == "CustomRole"
	some permission in p.permissions
	"*" in permission.actions
	scopes := [s | some s in p.assignableScopes; admin_scope(s)]
	count(scopes) > 0
	name := object.get(p, "roleName", r.name)
	msg := sprintf("custom role %s grants action * at %s", [name, azure.text(scopes)])
}
