package parapet.rules.azure.appservice.http2_enabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.appservice.http2_enabled as rule

app(p, identity) := fx.res("microsoft.web/sites", "app-checkout", {"kind": "app,linux", "identity": identity, "properties": object.union({"state": "Running", "defaultHostName": "app-checkout.azurewebsites.net"}, p)})

web_config(site, p) := fx.child(site, "config/web", "microsoft.web/sites/config/web", {"name": "web", "properties": p})

site := app({"httpsOnly": true}, {"type": "None"})

fail_bad := fx.rin(site, {"microsoft.web/sites/config/web": [web_config(site, {"http20Enabled": false})]})

fail_not_collected := fx.rin(site, {"microsoft.web/sites/config/web": []})

pass_good := fx.rin(site, {"microsoft.web/sites/config/web": [web_config(site, {"http20Enabled": true})]})

test_bad_value_fails if count(rule.deny) == 1 with input as fail_bad

test_config_not_collected_fails if count(rule.deny) == 1 with input as fail_not_collected

test_good_value_passes if count(rule.deny) == 0 with input as pass_good

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_bad
	contains(f.msg, "app-checkout")
	contains(f.msg, "false")
}
