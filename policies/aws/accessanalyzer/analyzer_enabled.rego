# METADATA
# title: IAM Access Analyzer is enabled in every region
# description: Access Analyzer reports resources shared outside the account or organization; without an active analyzer in a region, such exposure goes unnoticed there.
# custom:
#   id: aws.accessanalyzer.analyzer_enabled
#   severity: medium
#   resource_types: [Parapet::AccessAnalyzer::Analyzers]
#   scope: resource
#   frameworks:
#     cis-aws-3.0.0: ["1.20"]
#     pci-dss-4.0: ["7.2.4"]
#     nist-800-53-r5: ["AC-6", "CA-7"]
#     hipaa: ["164.308(a)(4)(i)"]
#   remediation:
#     text: Create an account or organization analyzer in the region.
#     cli: aws accessanalyzer create-analyzer --analyzer-name default --type ACCOUNT --region <region>
package parapet.rules.aws.accessanalyzer.analyzer_enabled

import data.parapet.lib

analyzers := object.get(input.resource.config, "Analyzers", [])

deny contains lib.finding(input.resource, msg, {"Analyzers": [{"name": a.name, "status": a.status} | some a in analyzers]}) if {
	not any_active
	msg := sprintf("region %s of account %s has no active IAM Access Analyzer (%d analyzer(s), none ACTIVE)", [input.resource.region, input.resource.account, count(analyzers)])
}

any_active if {
	some a in analyzers
	a.status == "ACTIVE"
}
