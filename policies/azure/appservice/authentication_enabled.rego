# METADATA
# title: "App Service Authentication is set up"
# description: "App Service Authentication (Easy Auth) makes the platform authenticate requests with an identity provider before they reach the app code."
# custom:
#   id: azure.appservice.authentication_enabled
#   severity: medium
#   resource_types: ["microsoft.web/sites"]
#   scope: resource
#   facts: ["parapet.azure/siteauthsettings"]
#   frameworks:
#     cis-azure-2.1.0: ["9.1"]
#     pci-dss-4.0: ["8.3.1"]
#     hipaa: ["164.312(d)"]
#     nist-800-53-r5: ["IA-2", "AC-3"]
#   remediation:
#     text: "Enable App Service Authentication with an identity provider (Microsoft Entra ID)."
#     cli: "az webapp auth update --resource-group <rg> --name <app> --enabled true"
package parapet.rules.azure.appservice.authentication_enabled

import data.parapet.lib
import data.parapet.lib.azure

settings := azure.children(object.get(input, ["facts", "parapet.azure/siteauthsettings"], []), input.resource.id)

# authsettingsV2 keeps the switch in platform.enabled; the classic API in enabled.
enabled(s) if object.get(s, ["config", "properties", "platform", "enabled"], false) == true

enabled(s) if object.get(s, ["config", "properties", "enabled"], false) == true

deny contains lib.finding(input.resource, msg, {"authEnabled": false, "settings": count(settings)}) if {
	not any_enabled
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), " has App Service Authentication off (", format_int(count(settings), 10), " auth settings collected, none enabled)"])
}

any_enabled if {
	some s in settings
	enabled(s)
}
