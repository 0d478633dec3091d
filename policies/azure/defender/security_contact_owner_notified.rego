# METADATA
# title: "Defender for Cloud alerts notify subscription owners"
# description: "Sending security alert email to everyone with the Owner role makes sure the people accountable for the subscription learn of an attack."
# custom:
#   id: azure.defender.security_contact_owner_notified
#   severity: low
#   resource_types: ["microsoft.security/securitycontacts"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.17"]
#     pci-dss-4.0: ["12.10.1"]
#     hipaa: ["164.308(a)(6)(ii)"]
#     nist-800-53-r5: ["IR-6", "SI-4(5)"]
#   remediation:
#     text: "In Defender for Cloud > Email notifications, set 'All users with the following roles' to include Owner."
#     cli: "az security contact create --name default --email <addr> --alert-notifications on"
package parapet.rules.azure.defender.security_contact_owner_notified

import data.parapet.lib
import data.parapet.lib.azure

contacts := azure.resources_of(input, "microsoft.security/securitycontacts")

owner_notified if {
	some c in contacts
	by_role := object.get(azure.props(c), "notificationsByRole", {})
	by_role.state == "On"
	"Owner" in by_role.roles
}

deny contains lib.finding(azure.subscription_id(input.account), msg, {"notificationsByRole": [object.get(azure.props(c), "notificationsByRole", null) | some c in contacts]}) if {
	not owner_notified
	msg := sprintf("subscription %s: security alerts are not sent to the Owner role (notificationsByRole %s)", [input.account.id, azure.text([object.get(azure.props(c), "notificationsByRole", null) | some c in contacts])])
}
