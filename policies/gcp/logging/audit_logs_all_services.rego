# METADATA
# title: Data Access audit logs are on for all services without exemptions
# description: >-
#   CIS GCP 2.1: Cloud Audit Logs must record ADMIN_READ, DATA_READ and DATA_WRITE for
#   allServices, with no exempted members, so every read and change of data is
#   traceable.
# custom:
#   id: gcp.logging.audit_logs_all_services
#   severity: high
#   resource_types: [cloudresourcemanager.googleapis.com/Project]
#   scope: resource
#   frameworks:
#     cis-gcp-3.0.0: ["2.1"]
#     pci-dss-4.0: ["10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3"]
#     hipaa: ["164.312(b)"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#   remediation:
#     text: "Add an auditConfigs entry for service allServices with ADMIN_READ, DATA_READ and DATA_WRITE log types and no exemptedMembers to the project (or its organization) IAM policy."
#     cli: "gcloud projects get-iam-policy PROJECT_ID > p.yaml  # add auditConfigs, then: gcloud projects set-iam-policy PROJECT_ID p.yaml"
#     terraform: "resource \"google_project_iam_audit_config\" \"all\" { service = \"allServices\"  audit_log_config { log_type = \"DATA_READ\" } ... }"
package parapet.rules.gcp.logging.audit_logs_all_services

import data.parapet.lib

required_log_types := {"ADMIN_READ", "DATA_READ", "DATA_WRITE"}

all_services_configs := [c |
	some c in object.get(input.resource, ["iam_policy", "auditConfigs"], [])
	c.service == "allServices"
]

enabled_types := {l.logType |
	some c in all_services_configs
	some l in object.get(c, "auditLogConfigs", [])
}

deny contains lib.finding(
	input.resource,
	sprintf("project %s does not audit %s for allServices", [input.resource.name, concat(", ", sort(missing))]),
	{"missing_log_types": sort(missing), "auditConfigs": object.get(input.resource, ["iam_policy", "auditConfigs"], [])},
) if {
	missing := required_log_types - enabled_types
	count(missing) > 0
}

deny contains lib.finding(
	input.resource,
	sprintf("project %s exempts %s from %s audit logs", [input.resource.name, concat(", ", l.exemptedMembers), l.logType]),
	{"logType": l.logType, "exemptedMembers": l.exemptedMembers},
) if {
	some c in all_services_configs
	some l in c.auditLogConfigs
	count(object.get(l, "exemptedMembers", [])) > 0
}
