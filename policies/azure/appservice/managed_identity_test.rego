package parapet.rules.azure.appservice.managed_identity_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.appservice.managed_identity as rule

app(p, identity) := fx.res("microsoft.web/sites", "app-checkout", {"kind": "app,linux", "identity": identity, "properties": object.union({"state": "Running", "defaultHostName": "app-checkout.azurewebsites.net"}, p)})

web_config(site, p) := fx.child(site, "config/web", "microsoft.web/sites/config/web", {"name": "web", "properties": p})

site := app({"httpsOnly": true}, {"type": "None"})

fail_none := fx.rin(site, {})

pass_system := fx.rin(app({"httpsOnly": true}, {"type": "SystemAssigned", "principalId": "9a1b2c3d-0000-4000-8000-000000000001", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47"}), {})

pass_both := fx.rin(app({"httpsOnly": true}, {"type": "SystemAssigned, UserAssigned"}), {})

test_no_identity_fails if count(rule.deny) == 1 with input as fail_none

test_system_assigned_passes if count(rule.deny) == 0 with input as pass_system

test_system_and_user_assigned_pass if count(rule.deny) == 0 with input as pass_both

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "app-checkout")
	contains(f.msg, "None")
}
