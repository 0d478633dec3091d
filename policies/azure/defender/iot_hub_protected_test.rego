package parapet.rules.azure.defender.iot_hub_protected_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.defender.iot_hub_protected as rule

hub := fx.res("microsoft.devices/iothubs", "iot-plant-01", {"sku": {"name": "S1", "capacity": 1}, "properties": {"hostName": "iot-plant-01.azure-devices.net"}})

solution(hubs, status) := fx.res("microsoft.security/iotsecuritysolutions", "iot-plant-security", {"properties": {"displayName": "iot-plant-security", "status": status, "iotHubs": hubs, "export": []}})

fail_no_solution := fx.rin(hub, {"microsoft.security/iotsecuritysolutions": []})

fail_disabled := fx.rin(hub, {"microsoft.security/iotsecuritysolutions": [solution([hub.id], "Disabled")]})

fail_other_hub := fx.rin(hub, {"microsoft.security/iotsecuritysolutions": [solution(["/subscriptions/x/resourcegroups/rg/providers/microsoft.devices/iothubs/other"], "Enabled")]})

pass_protected := fx.rin(hub, {"microsoft.security/iotsecuritysolutions": [solution([upper(hub.id)], "Enabled")]})

test_no_solution_fails if count(rule.deny) == 1 with input as fail_no_solution

test_disabled_solution_fails if count(rule.deny) == 1 with input as fail_disabled

test_other_hub_fails if count(rule.deny) == 1 with input as fail_other_hub

test_protected_hub_passes if count(rule.deny) == 0 with input as pass_protected

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_no_solution
	contains(f.msg, "iot-plant-01")
}
