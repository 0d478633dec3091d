package parapet.rules.azure.appservice.http_logs_test

import data.parapet.lib.azure_test as fx
import data.parapet.rules.azure.appservice.http_logs as rule

app := fx.res("microsoft.web/sites", "app-checkout", {"kind": "app,linux", "properties": {"state": "Running", "httpsOnly": true}})

fail_none := fx.rin(app, {"parapet.azure/diagnosticsetting": []})

fail_console_only := fx.rin(app, {"parapet.azure/diagnosticsetting": [fx.diag(app.id, "console", fx.logs(["AppServiceConsoleLogs"]))]})

pass_http_logs := fx.rin(app, {"parapet.azure/diagnosticsetting": [fx.diag(app.id, "http", fx.logs(["AppServiceHTTPLogs", "AppServiceConsoleLogs"]))]})

test_no_setting_fails if count(rule.deny) == 1 with input as fail_none

test_other_categories_fail if count(rule.deny) == 1 with input as fail_console_only

test_http_logs_pass if count(rule.deny) == 0 with input as pass_http_logs

test_message_names_resource_and_value if {
	some f in rule.deny with input as fail_none
	contains(f.msg, "app-checkout")
	contains(f.msg, "0 diagnostic settings")
}
