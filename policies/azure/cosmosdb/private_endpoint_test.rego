package parapet.rules.azure.cosmosdb.private_endpoint_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.cosmosdb.private_endpoint as rule

cosmos(p) := fx.res("microsoft.documentdb/databaseaccounts", "cosmos-catalog", {"kind": "GlobalDocumentDB", "properties": object.union({"databaseAccountOfferType": "Standard", "documentEndpoint": "https://cosmos-catalog.documents.azure.com:443/"}, p)})

pe(status) := {"id": "pe1", "properties": {"privateEndpoint": {"id": "/subscriptions/x/resourcegroups/rg-net/providers/microsoft.network/privateendpoints/pe-cosmos"}, "privateLinkServiceConnectionState": {"status": status}}}

fail_none := fx.rin(cosmos({}), {})

fail_rejected := fx.rin(cosmos({"privateEndpointConnections": [pe("Rejected")]}), {})

pass_approved := fx.rin(cosmos({"privateEndpointConnections": [pe("Approved")]}), {})

test_no_endpoint_fails if count(rule.deny) == 1 with input as fail_none

test_rejected_fails if count(rule.deny) == 1 with input as fail_rejected

test_approved_passes if count(rule.deny) == 0 with input as pass_approved

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "cosmos-catalog")
	contains(f.msg, "0 approved")
}
