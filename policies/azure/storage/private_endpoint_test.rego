package parapet.rules.azure.storage.private_endpoint_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.storage.private_endpoint as rule

sa(p) := fx.res("microsoft.storage/storageaccounts", "stprodpayments", {"kind": "StorageV2", "sku": {"name": "Standard_GRS"}, "properties": p})

pe(status) := {"id": "/subscriptions/x/resourcegroups/rg-prod/providers/microsoft.storage/storageaccounts/stprodpayments/privateendpointconnections/pe1", "properties": {"privateEndpoint": {"id": "/subscriptions/x/resourcegroups/rg-net/providers/microsoft.network/privateendpoints/pe-st"}, "privateLinkServiceConnectionState": {"status": status}}}

fail_none := fx.rin(sa({"privateEndpointConnections": []}), {})

fail_pending := fx.rin(sa({"privateEndpointConnections": [pe("Pending")]}), {})

pass_approved := fx.rin(sa({"privateEndpointConnections": [pe("Approved")]}), {})

test_none_fails if count(rule.deny) == 1 with input as fail_none

test_pending_fails if count(rule.deny) == 1 with input as fail_pending

test_approved_passes if count(rule.deny) == 0 with input as pass_approved

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "stprodpayments")
	contains(f.msg, "0 connections")
}
