# METADATA
# title: "MySQL server accepts only TLS 1.2 or later"
# description: "TLS 1.0 and 1.1 have known weaknesses; the server should offer only TLS 1.2 and 1.3."
# custom:
#   id: azure.mysql.tls_version
#   severity: medium
#   resource_types: ["microsoft.dbformysql/servers", "microsoft.dbformysql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.4.2"]
#     pci-dss-4.0: ["4.2.1"]
#     hipaa: ["164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8(1)", "SC-13"]
#   remediation:
#     text: "Flexible server: set tls_version to TLSv1.2 (or TLSv1.2,TLSv1.3). Single server: set the minimal TLS version to TLS1_2."
#     cli: "az mysql flexible-server parameter set --resource-group <rg> --server-name <server> --name tls_version --value TLSv1.2"
package parapet.rules.azure.mysql.tls_version

import data.parapet.lib
import data.parapet.lib.azure

weak := {"tlsv1", "tlsv1.1"}

facts := object.get(input, ["facts", "parapet.azure/serverconfigurations"], [])

deny contains lib.finding(input.resource, msg, {"minimalTlsVersion": value}) if {
	input.resource.type == "microsoft.dbformysql/servers"
	value := object.get(azure.props(input.resource), "minimalTlsVersion", "TLSEnforcementDisabled")
	not value in {"TLS1_2", "TLS1_3"}
	msg := sprintf("MySQL server %s accepts TLS below 1.2: minimalTlsVersion is %s", [input.resource.name, value])
}

deny contains lib.finding(input.resource, msg, {"tls_version": value}) if {
	input.resource.type == "microsoft.dbformysql/flexibleservers"
	value := object.get(azure.server_parameters(facts, input.resource.id), "tls_version", "<not collected>")
	versions := {lower(trim_space(v)) | some v in split(value, ",")}
	not acceptable(versions)
	msg := sprintf("MySQL server %s accepts TLS below 1.2: tls_version is %s", [input.resource.name, value])
}

acceptable(versions) if {
	count(versions & weak) == 0
	count(versions & {"tlsv1.2", "tlsv1.3"}) > 0
}
