# METADATA
# title: "PostgreSQL server enforces SSL connections"
# description: "Enforcing SSL/TLS makes the PostgreSQL server refuse unencrypted client connections, protecting credentials and data in transit."
# custom:
#   id: azure.postgresql.ssl_enforced
#   severity: high
#   resource_types: ["microsoft.dbforpostgresql/servers", "microsoft.dbforpostgresql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/serverconfigurations"]
#   frameworks:
#     cis-azure-2.1.0: ["4.3.1"]
#     pci-dss-4.0: ["4.2.1"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#   remediation:
#     text: "Single server: set 'Enforce SSL connection' to Enabled. Flexible server: set require_secure_transport to ON."
#     cli: "az postgresql flexible-server parameter set --resource-group <rg> --server-name <server> --name require_secure_transport --value ON"
package parapet.rules.azure.postgresql.ssl_enforced

import data.parapet.lib
import data.parapet.lib.azure

facts := object.get(input, ["facts", "parapet.azure/serverconfigurations"], [])

deny contains lib.finding(input.resource, msg, {"sslEnforcement": value}) if {
	input.resource.type == "microsoft.dbforpostgresql/servers"
	value := object.get(azure.props(input.resource), "sslEnforcement", "Disabled")
	value != "Enabled"
	msg := sprintf("PostgreSQL server %s accepts unencrypted connections: sslEnforcement is %s", [input.resource.name, value])
}

deny contains lib.finding(input.resource, msg, {"require_secure_transport": value}) if {
	input.resource.type == "microsoft.dbforpostgresql/flexibleservers"
	value := object.get(azure.server_parameters(facts, input.resource.id), "require_secure_transport", "<not collected>")
	lower(value) != "on"
	msg := sprintf("PostgreSQL server %s accepts unencrypted connections: require_secure_transport is %s", [input.resource.name, value])
}
