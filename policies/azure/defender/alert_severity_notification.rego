# METADATA
# title: "Defender for Cloud emails alerts of high severity"
# description: "Alert notifications must be on with a minimal severity of High or lower, or high-severity alerts reach nobody by email."
# custom:
#   id: azure.defender.alert_severity_notification
#   severity: low
#   resource_types: ["microsoft.security/securitycontacts"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["2.1.19"]
#     pci-dss-4.0: ["12.10.1", "10.4.1"]
#     hipaa: ["164.308(a)(6)(ii)"]
#     nist-800-53-r5: ["IR-6", "SI-4(5)"]
#   remediation:
#     text: "Turn on 'Notify about alerts with the following severity (or higher)' with High (or lower)."
#     cli: "az security contact create --name default --email <addr> --alert-notifications on"
package parapet.rules.azure.defender.alert_severity_notification

import data.parapet.lib
import data.parapet.lib.azure

# A lower threshold also notifies about high-severity alerts.
severities := {"high", "medium", "low"}

# API 2023-12-01-preview: notificationsSources; earlier: alertNotifications.
threshold(p) := s.minimalSeverity if {
	some s in object.get(p, "notificationsSources", [])
	s.sourceType == "Alert"
	object.get(p, "isEnabled", true) == true
}

threshold(p) := p.alertNotifications.minimalSeverity if {
	p.alertNotifications.state == "On"
}

thresholds := [t |
	some c in azure.resources_of(input, "microsoft.security/securitycontacts")
	t := threshold(azure.props(c))
]

deny contains lib.finding(azure.subscription_id(input.account), msg, {"minimalSeverity": thresholds}) if {
	not any_high(thresholds)
	msg := sprintf("subscription %s does not email high-severity alerts (alert notification thresholds %s)", [input.account.id, azure.text(thresholds)])
}

any_high(ts) if {
	some t in ts
	lower(t) in severities
}
