# METADATA
# title: "App Service uses HTTP/2"
# description: "HTTP/2 brings protocol-level fixes (header compression, no head-of-line blocking) and is the current HTTP version the benchmark asks for."
# custom:
#   id: azure.appservice.http2_enabled
#   severity: low
#   resource_types: ["microsoft.web/sites"]
#   scope: resource
#   facts: ["microsoft.web/sites/config/web"]
#   frameworks:
#     cis-azure-2.1.0: ["9.8"]
#     pci-dss-4.0: ["2.2.1"]
#     hipaa: ["164.312(e)(1)"]
#     nist-800-53-r5: ["CM-6"]
#   remediation:
#     text: "Set 'HTTP version' to 2.0."
#     cli: "az webapp config set --resource-group <rg> --name <app> --http20-enabled true"
package parapet.rules.azure.appservice.http2_enabled

import data.parapet.lib
import data.parapet.lib.azure

configs := azure.input_site_web_configs

deny contains lib.finding(input.resource, msg, {"http20Enabled": null}) if {
	count(configs) == 0
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), ": site configuration (config/web) was not collected, http20Enabled cannot be confirmed"])
}

deny contains lib.finding(input.resource, msg, {"http20Enabled": value}) if {
	some c in configs
	value := object.get(c, ["config", "properties", "http20Enabled"], false)
	not ok(value)
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), " does not use HTTP/2: http20Enabled is ", azure.text(value)])
}

ok(value) if {
	value == true
}
