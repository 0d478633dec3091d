# METADATA
# title: "App Service does not allow plain FTP deployments"
# description: "Plain FTP sends deployment credentials and code in clear text; deployments should use FTPS or no FTP at all."
# custom:
#   id: azure.appservice.ftp_disabled
#   severity: high
#   resource_types: ["microsoft.web/sites"]
#   scope: resource
#   facts: ["microsoft.web/sites/config/web"]
#   frameworks:
#     cis-azure-2.1.0: ["9.9"]
#     pci-dss-4.0: ["4.2.1", "2.2.5"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8", "CM-7"]
#   remediation:
#     text: "Set 'FTP state' to FTPS only or Disabled."
#     cli: "az webapp config set --resource-group <rg> --name <app> --ftps-state Disabled"
package parapet.rules.azure.appservice.ftp_disabled

import data.parapet.lib
import data.parapet.lib.azure

configs := azure.input_site_web_configs

deny contains lib.finding(input.resource, msg, {"ftpsState": null}) if {
	count(configs) == 0
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), ": site configuration (config/web) was not collected, ftpsState cannot be confirmed"])
}

deny contains lib.finding(input.resource, msg, {"ftpsState": value}) if {
	some c in configs
	value := object.get(c, ["config", "properties", "ftpsState"], "AllAllowed")
	not ok(value)
	msg := concat("", ["app ", lib.fmt_s(input.resource.name), " allows plain FTP: ftpsState is ", azure.text(value)])
}

ok(value) if {
	value in {"FtpsOnly", "Disabled"}
}
