package parapet.rules.azure.appservice.https_only_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.appservice.https_only as rule

app(p, identity) := fx.res("microsoft.web/sites", "app-checkout", {"kind": "app,linux", "identity": identity, "properties": object.union({"state": "Running", "defaultHostName": "app-checkout.azurewebsites.net"}, p)})

web_config(site, p) := fx.child(site, "config/web", "microsoft.web/sites/config/web", {"name": "web", "properties": p})

site := app({"httpsOnly": true}, {"type": "None"})

fail_http := fx.rin(app({"httpsOnly": false}, {"type": "None"}), {})

pass_https := fx.rin(site, {})

test_http_allowed_fails if count(rule.deny) == 1 with input as fail_http

test_https_only_passes if count(rule.deny) == 0 with input as pass_https

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_http
	contains(f.msg, "app-checkout")
	contains(f.msg, "false")
}
