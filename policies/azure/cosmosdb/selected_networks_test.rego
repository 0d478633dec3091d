package parapet.rules.azure.cosmosdb.selected_networks_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.cosmosdb.selected_networks as rule

cosmos(p) := fx.res("microsoft.documentdb/databaseaccounts", "cosmos-catalog", {"kind": "GlobalDocumentDB", "properties": object.union({"databaseAccountOfferType": "Standard", "documentEndpoint": "https://cosmos-catalog.documents.azure.com:443/"}, p)})

fail_all_networks := fx.rin(cosmos({"publicNetworkAccess": "Enabled", "isVirtualNetworkFilterEnabled": false, "ipRules": []}), {})

fail_azure_ip_rule_only := fx.rin(cosmos({"publicNetworkAccess": "Enabled", "ipRules": [{"ipAddressOrRange": "0.0.0.0"}]}), {})

pass_vnet_filter := fx.rin(cosmos({"publicNetworkAccess": "Enabled", "isVirtualNetworkFilterEnabled": true, "virtualNetworkRules": [{"id": "/subscriptions/x/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v/subnets/app"}]}), {})

pass_ip_rules := fx.rin(cosmos({"publicNetworkAccess": "Enabled", "ipRules": [{"ipAddressOrRange": "203.0.113.0/24"}]}), {})

pass_private := fx.rin(cosmos({"publicNetworkAccess": "Disabled"}), {})

test_all_networks_fails if count(rule.deny) == 1 with input as fail_all_networks

test_azure_datacenters_only_rule_fails if count(rule.deny) == 1 with input as fail_azure_ip_rule_only

test_vnet_filter_passes if count(rule.deny) == 0 with input as pass_vnet_filter

test_ip_rules_pass if count(rule.deny) == 0 with input as pass_ip_rules

test_public_access_disabled_passes if count(rule.deny) == 0 with input as pass_private

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_all_networks
	contains(f.msg, "cosmos-catalog")
	contains(f.msg, "Enabled")
}
