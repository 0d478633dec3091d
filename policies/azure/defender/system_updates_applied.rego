# METADATA
# title: "Defender for Cloud finds no machine missing system updates"
# description: "Defender for Cloud's 'System updates should be installed on your machines' recommendation is unhealthy for a machine that misses security or critical updates; such machines carry publicly known vulnerabilities."
# custom:
#   id: azure.defender.system_updates_applied
#   severity: high
#   resource_types: ["microsoft.security/assessments"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.12"]
#     pci-dss-4.0: ["6.3.3"]
#     hipaa: ["164.308(a)(5)(ii)(B)"]
#     nist-800-53-r5: ["SI-2"]
#   remediation:
#     text: "Install the missing updates (Azure Update Manager) on every machine the recommendation lists."
#     cli: "az graph query -q \"securityresources | where type == 'microsoft.security/assessments' and name == '4ab6e3c5-74dd-8b35-9ab9-f61b30875b27'\""
package parapet.rules.azure.defender.system_updates_applied

import data.parapet.lib
import data.parapet.lib.azure

# Assessment keys of the system-update recommendations (classic and Update Manager).
update_assessments := {"4ab6e3c5-74dd-8b35-9ab9-f61b30875b27", "e1145ab1-eb4f-43d8-911b-36ddf771d13f", "d57a4221-a804-52ca-3dea-768284f06bb7"}

is_update_assessment(a) if lower(a.name) in update_assessments

is_update_assessment(a) if contains(lower(object.get(azure.props(a), "displayName", "")), "system updates")

deny contains lib.finding(machine, msg, {"assessment": a.name, "status": status}) if {
	some a in azure.resources_of(input, "microsoft.security/assessments")
	is_update_assessment(a)
	status := object.get(azure.props(a), ["status", "code"], "")
	status == "Unhealthy"
	machine := lower(object.get(azure.props(a), ["resourceDetails", "Id"], a.id))
	msg := sprintf("machine %s is missing system updates: assessment %s is %s", [machine, json.marshal(object.get(azure.props(a), "displayName", a.name)), status])
}
