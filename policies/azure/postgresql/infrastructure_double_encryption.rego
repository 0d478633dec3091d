# METADATA
# title: "PostgreSQL single server uses infrastructure double encryption"
# description: "Infrastructure double encryption adds a second, independently keyed layer of encryption at rest under the service-managed one."
# custom:
#   id: azure.postgresql.infrastructure_double_encryption
#   severity: medium
#   resource_types: ["microsoft.dbforpostgresql/servers"]
#   scope: resource
#   frameworks:
#     cis-azure-2.1.0: ["4.3.8"]
#     pci-dss-4.0: ["3.5.1"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#   remediation:
#     text: "Infrastructure encryption is chosen at creation: create a new server with it enabled and migrate."
#     cli: "az postgres server create ... --infrastructure-encryption Enabled"
package parapet.rules.azure.postgresql.infrastructure_double_encryption

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"infrastructureEncryption": value}) if {
	value := object.get(azure.props(input.resource), "infrastructureEncryption", "Disabled")
	value != "Enabled"
	msg := sprintf("PostgreSQL server %s has infrastructureEncryption %s", [input.resource.name, value])
}
