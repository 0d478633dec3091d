package parapet.rules.azure.cosmosdb.entra_auth_only_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.cosmosdb.entra_auth_only as rule

cosmos(p) := fx.res("microsoft.documentdb/databaseaccounts", "cosmos-catalog", {"kind": "GlobalDocumentDB", "properties": object.union({"databaseAccountOfferType": "Standard", "documentEndpoint": "https://cosmos-catalog.documents.azure.com:443/"}, p)})

fail_keys := fx.rin(cosmos({"disableLocalAuth": false}), {})

pass_entra_only := fx.rin(cosmos({"disableLocalAuth": true}), {})

test_keys_allowed_fails if count(rule.deny) == 1 with input as fail_keys

test_entra_only_passes if count(rule.deny) == 0 with input as pass_entra_only

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_keys
	contains(f.msg, "cosmos-catalog")
	contains(f.msg, "false")
}
