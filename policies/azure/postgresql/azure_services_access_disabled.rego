# METADATA
# title: "PostgreSQL server does not allow access from all Azure services"
# description: "The firewall rule 0.0.0.0-0.0.0.0 ('Allow access to Azure services') admits connections from any Azure resource of any tenant, not only yours."
# custom:
#   id: azure.postgresql.azure_services_access_disabled
#   severity: high
#   resource_types: ["microsoft.dbforpostgresql/servers", "microsoft.dbforpostgresql/flexibleservers"]
#   scope: resource
#   facts: ["parapet.azure/firewallrule"]
#   frameworks:
#     cis-azure-2.1.0: ["4.3.7"]
#     pci-dss-4.0: ["1.3.1", "1.4.2"]
#     hipaa: ["164.312(a)(1)", "164.312(e)(1)"]
#     nist-800-53-r5: ["AC-3", "SC-7"]
#   remediation:
#     text: "Delete the 0.0.0.0 firewall rule (turn off 'Allow public access from any Azure service') and use private access or specific rules."
#     cli: "az postgres flexible-server firewall-rule delete --resource-group <rg> --name <server> --rule-name <rule>"
package parapet.rules.azure.postgresql.azure_services_access_disabled

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(input.resource, msg, {"firewallRule": r.name, "startIpAddress": start, "endIpAddress": end}) if {
	some r in azure.firewall_rules(object.get(input, ["facts", "parapet.azure/firewallrule"], []), input.resource.id)
	start := r.config.properties.startIpAddress
	end := r.config.properties.endIpAddress
	start == "0.0.0.0"
	end in {"0.0.0.0", "255.255.255.255"}
	msg := sprintf("PostgreSQL server %s firewall rule %s allows all Azure services or any IP (%s-%s)", [input.resource.name, r.name, start, end])
}
