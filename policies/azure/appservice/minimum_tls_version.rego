# METADATA
# title: "App Service requires TLS 1.2 or later"
# description: "TLS 1.0 and 1.1 have known weaknesses; the app should refuse clients that cannot negotiate TLS 1.2 or later."
# custom:
#   id: azure.appservice.minimum_tls_version
#   severity: medium
#   resource_types: ["microsoft.web/sites"]
#   scope: resource
#   facts: ["microsoft.web/sites/config/web"]
#   frameworks:
#     cis-azure-2.1.0: ["9.3"]
#     pci-dss-4.0: ["4.2.1"]
#     hipaa: ["164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8(1)", "SC-13"]
#   remediation:
#     text: "Set the minimum inbound TLS version to 1.2 (or 1.3)."
#     cli: "az webapp config set --resource-group <rg> --name <app> --min-tls-version 1.2"
package parapet.rules.azure.appservice.minimum_tls_version

import data.parapet.lib
import data.parapet.lib.azure

configs := azure.input_site_web_configs

deny contains lib.finding(input.resource, msg, {"minTlsVersion": null}) if {
	count(configs) == 0
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), ": site configuration (config/web) was not collected, minTlsVersion cannot be confirmed"])
}

deny contains lib.finding(input.resource, msg, {"minTlsVersion": value}) if {
	some c in configs
	value := object.get(c, ["config", "properties", "minTlsVersion"], "1.0")
	not ok(value)
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), " accepts TLS below 1.2: minTlsVersion is ", azure.text(value)])
}

ok(value) if {
	value in {"1.2", "1.3"}
}
