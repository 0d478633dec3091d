package parapet.rules.azure.defender.easm_enabled_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.easm_enabled as rule

fail_none := fx.ain({"microsoft.easm/workspaces": []})

pass_workspace := fx.ain({"microsoft.easm/workspaces": [fx.res("microsoft.easm/workspaces", "easm-contoso", {"properties": {"provisioningState": "Succeeded", "dataPlaneEndpoint": "https://eastus.easm.defender.microsoft.com"}})]})

test_no_workspace_fails if count(rule.deny) == 1 with input as fail_none

test_workspace_passes if count(rule.deny) == 0 with input as pass_workspace

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "0000")
	contains(f.msg, "0 found")
}
