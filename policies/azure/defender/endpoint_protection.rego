# METADATA
# title: "Every machine has healthy endpoint protection"
# description: "Defender for Cloud's endpoint protection recommendations are unhealthy for machines with no anti-malware solution or one reporting health issues (outdated signatures, real-time protection off)."
# custom:
#   id: azure.defender.endpoint_protection
#   severity: high
#   resource_types: ["microsoft.security/assessments"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["7.6"]
#     pci-dss-4.0: ["5.2.1", "5.3.1", "5.3.2"]
#     hipaa: ["164.308(a)(5)(ii)(B)"]
#     nist-800-53-r5: ["SI-3"]
#   remediation:
#     text: "Install or repair endpoint protection (Microsoft Defender for Endpoint) on the listed machines."
package parapet.rules.azure.defender.endpoint_protection

import data.parapet.lib
import data.parapet.lib.azure

is_endpoint_assessment(a) if contains(lower(object.get(azure.props(a), "displayName", "")), "endpoint protection")

deny contains lib.finding(machine, msg, {"assessment": a.name, "status": status}) if {
	some a in azure.resources_of(input, "microsoft.security/assessments")
	is_endpoint_assessment(a)
	status := object.get(azure.props(a), ["status", "code"], "")
	status == "Unhealthy"
	machine := lower(object.get(azure.props(a), ["resourceDetails", "Id"], a.id))
	msg := sprintf("machine %s lacks healthy endpoint protection: assessment %s is %s", [machine, json.marshal(object.get(azure.props(a), "displayName", a.name)), status])
}
