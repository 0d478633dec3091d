# METADATA
# title: "App Service redirects all HTTP traffic to HTTPS"
# description: "With HTTPS Only, the app redirects plain HTTP requests to HTTPS so credentials, cookies and data never cross the network unencrypted."
# custom:
#   id: azure.appservice.https_only
#   severity: high
#   resource_types: ["microsoft.web/sites"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["9.2"]
#     pci-dss-4.0: ["4.2.1"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#   remediation:
#     text: "Turn on 'HTTPS Only'."
#     cli: "az webapp update --resource-group <rg> --name <app> --https-only true"
package parapet.rules.azure.appservice.https_only

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"httpsOnly": value}) if {
	value := object.get(azure.props(input.resource), "httpsOnly", false)
	value != true
	msg := sprintf("app %s serves plain HTTP: httpsOnly is %s", [input.resource.name, azure.text(value)])
}
