package parapet.rules.azure.appservice.authentication_enabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.appservice.authentication_enabled as rule

app(p, identity) := fx.res("microsoft.web/sites", "app-checkout", {"kind": "app,linux", "identity": identity, "properties": object.union({"state": "Running", "defaultHostName": "app-checkout.azurewebsites.net"}, p)})

web_config(site, p) := fx.child(site, "config/web", "microsoft.web/sites/config/web", {"name": "web", "properties": p})

site := app({"httpsOnly": true}, {"type": "None"})

auth(p) := fx.child(site, "config/authsettingsv2", "parapet.azure/siteauthsettings", {"name": "authsettingsV2", "properties": p})

fail_off := fx.rin(site, {"parapet.azure/siteauthsettings": [auth({"platform": {"enabled": false}, "globalValidation": {"requireAuthentication": false}})]})

fail_not_collected := fx.rin(site, {"parapet.azure/siteauthsettings": []})

pass_v2 := fx.rin(site, {"parapet.azure/siteauthsettings": [auth({"platform": {"enabled": true, "runtimeVersion": "~1"}, "globalValidation": {"requireAuthentication": true, "unauthenticatedClientAction": "RedirectToLoginPage"}, "identityProviders": {"azureActiveDirectory": {"enabled": true}}})]})

pass_classic := fx.rin(site, {"parapet.azure/siteauthsettings": [auth({"enabled": true, "defaultProvider": "AzureActiveDirectory"})]})

test_auth_off_fails if count(rule.deny) == 1 with input as fail_off

test_not_collected_fails if count(rule.deny) == 1 with input as fail_not_collected

test_v2_enabled_passes if count(rule.deny) == 0 with input as pass_v2

test_classic_enabled_passes if count(rule.deny) == 0 with input as pass_classic

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_off
	contains(f.msg, "app-checkout")
	contains(f.msg, "none enabled")
}
