# METADATA
# title: A role can manage incidents with AWS Support
# description: >-
#   When an incident needs AWS Support, someone must already hold the
#   AWSSupportAccess policy through a role, rather than reaching for root.
# custom:
#   id: aws.iam.support_role
#   severity: low
#   resource_types: [Parapet::IAM::PolicyEntities]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.17"]
#     pci-dss-4.0: ["12.10.1"]
#     nist-800-53-r5: ["IR-7"]
#     hipaa: ["164.308(a)(6)(ii)"]
#   remediation:
#     text: Create a role that trusted users can assume and attach the AWSSupportAccess managed policy to it.
#     cli: aws iam attach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess
package parapet.rules.aws.iam.support_role

import data.parapet.lib

deny contains lib.finding(entities, msg, {"PolicyArn": entities.config.PolicyArn, "PolicyRoles": []}) if {
	some entities in input.resources["Parapet::IAM::PolicyEntities"]
	endswith(entities.config.PolicyArn, ":policy/AWSSupportAccess")
	count(object.get(entities.config, "PolicyRoles", [])) == 0
	msg := sprintf("no IAM role in account %s has the AWSSupportAccess policy attached (%d users, %d groups have it)", [input.account.id, count(object.get(entities.config, "PolicyUsers", [])), count(object.get(entities.config, "PolicyGroups", []))])
}

# Without the AWSSupportAccess entities the account would pass unseen.
deny contains lib.finding(sprintf("aws:account:%s", [input.account.id]), msg, {"missing": "Parapet::IAM::PolicyEntities for AWSSupportAccess"}) if {
	not support_entities_collected
	msg := sprintf("account %s: the entities of the AWSSupportAccess policy were not collected, so this cannot be verified", [input.account.id])
}

support_entities_collected if {
	some entities in input.resources["Parapet::IAM::PolicyEntities"]
	endswith(entities.config.PolicyArn, ":policy/AWSSupportAccess")
}
