# METADATA
# title: "Application Insights is configured in the subscription"
# description: "Application Insights collects application telemetry (requests, failures, dependencies) that helps detect and investigate attacks at the application layer."
# custom:
#   id: azure.monitor.application_insights_configured
#   severity: low
#   resource_types: ["microsoft.insights/components"]
#   scope: account
#   frameworks:
#     cis-azure-2.1.0: ["5.3.1"]
#     pci-dss-4.0: ["10.2.1"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-12", "SI-4"]
#   remediation:
#     text: "Create an Application Insights resource (workspace-based) and connect the applications to it."
#     cli: "az monitor app-insights component create --app <name> --location <region> --resource-group <rg> --workspace <workspace id>"
package parapet.rules.azure.monitor.application_insights_configured

import data.parapet.lib
import data.parapet.lib.azure

deny contains lib.finding(azure.subscription_id(input.account), msg, {"applicationInsightsComponents": 0}) if {
	count(azure.resources_of(input, "microsoft.insights/components")) == 0
	msg := sprintf("subscription %s has no Application Insights component (0 found)", [input.account.id])
}
