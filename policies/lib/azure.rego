# METADATA
# title: Shared helpers for Azure rules
# description: >-
#   Reads Resource Graph rows (ARM shapes, camelCase) and the Parapet-defined
#   Azure facts: child settings matched to their parent by ARM id, diagnostic
#   settings, network security rules open to the Internet.
package parapet.lib.azure

# props is the ARM `properties` object of a resource row ({} when absent).
props(resource) := object.get(resource, ["config", "properties"], {})

# lower_id is the resource's ARM id in lower case (Resource Graph ids are
# lower-cased by the collector, but a fact fetched through ARM may not be).
lower_id(resource) := lower(resource.id)

# children are the facts whose ARM id lies under parent_id
# (e.g. <server id>/firewallrules under <server id>).
children(items, parent_id) := [item |
	# Bound before the iteration, so the prefix is built once, not once an item.
	prefix := concat("", [lower(parent_id), "/"])
	some item in items
	startswith(lower(item.id), prefix)
]

# The children of the judged resource among the input's facts of one type, for the
# types several rules read: rules, so the wasm evaluator works each out once an
# evaluation, not once a rule (functions are not memoized).
input_keyvault_keys := children(object.get(input, ["facts", "parapet.azure/keyvaultkey"], []), input.resource.id)

input_keyvault_secrets := children(object.get(input, ["facts", "parapet.azure/keyvaultsecret"], []), input.resource.id)

input_site_web_configs := children(object.get(input, ["facts", "microsoft.web/sites/config/web"], []), input.resource.id)

input_sql_auditing_policies := children(object.get(input, ["facts", "parapet.azure/sqlserverauditingpolicy"], []), input.resource.id)

# value_list is the `value` array of an ARM list response held as a fact's config.
value_list(fact) := object.get(fact, ["config", "value"], [])

# child_values are the items of every ARM list fact under parent_id.
child_values(items, parent_id) := [v |
	some fact in children(items, parent_id)
	some v in value_list(fact)
]

diagnostic_infix := "/providers/microsoft.insights/diagnosticsettings/"

# diagnostic_settings are the parapet.azure/diagnosticsetting facts whose target
# is exactly target_id (a resource, a storage sub-service or the subscription).
diagnostic_settings(items, target_id) := [s |
	target := lower(target_id)
	some s in items
	parts := split(lower(s.id), diagnostic_infix)
	count(parts) == 2
	parts[0] == target
]

# input_diagnostic_settings is diagnostic_settings(<the resource-scope input's
# parapet.azure/diagnosticsetting facts>, target_id). Rules that judge one resource
# call it rather than diagnostic_settings: for targets at or under the resource
# (the resource, its blob service...) the targets of the settings are then worked
# out once an evaluation (input_diagnostic_targets is a rule, which the evaluator
# computes once), not once a rule.
input_diagnostic_settings(target_id) := [s |
	target := lower(target_id)
	some [setting_target, s] in input_diagnostic_targets
	setting_target == target
] if {
	startswith(lower(target_id), lower(input.resource.id))
} else := diagnostic_settings(object.get(input, ["facts", "parapet.azure/diagnosticsetting"], []), target_id)

# input_diagnostic_targets pairs each diagnostic setting fact of the input whose
# target lies at or under the resource with that target id (lower case), in input
# order. The settings of other resources are passed over before the split.
input_diagnostic_targets := [[parts[0], s] |
	resource_id := lower(input.resource.id)
	some s in object.get(input, ["facts", "parapet.azure/diagnosticsetting"], [])
	id := lower(s.id)
	startswith(id, resource_id)
	parts := split(id, diagnostic_infix)
	count(parts) == 2
]

# has_destination: the setting ships its logs somewhere.
has_destination(setting) if object.get(setting, ["config", "properties", "workspaceId"], "") != ""

has_destination(setting) if object.get(setting, ["config", "properties", "storageAccountId"], "") != ""

has_destination(setting) if object.get(setting, ["config", "properties", "eventHubAuthorizationRuleId"], "") != ""

# log_enabled: the setting sends logs of `category` (or a category group that
# includes it: allLogs includes every category, audit the audit ones).
log_enabled(setting, category) if {
	has_destination(setting)
	some log in object.get(setting, ["config", "properties", "logs"], [])
	log.enabled == true
	covers(log, category)
}

covers(log, category) if lower(object.get(log, "category", "")) == lower(category)

covers(log, _) if lower(object.get(log, "categoryGroup", "")) == "alllogs"

covers(log, category) if {
	lower(object.get(log, "categoryGroup", "")) == "audit"
	lower(category) in audit_categories
}

audit_categories := {"auditevent", "storagewrite", "storagedelete", "appserviceauditlogs"}

# logs_enabled: every category in `categories` is sent by one of the settings.
logs_enabled(settings, categories) if {
	every category in categories {
		some setting in settings
		log_enabled(setting, category)
	}
}

# Network security rules. Internet sources as the NSG audit procedure reads them.
internet_sources := {"*", "internet", "any", "0.0.0.0", "0.0.0.0/0", "::/0", "::"}

rule_props(rule) := object.get(rule, "properties", rule)

rule_sources(rule) := array.concat(
	[object.get(rule_props(rule), "sourceAddressPrefix", "")],
	object.get(rule_props(rule), "sourceAddressPrefixes", []),
)

rule_ports(rule) := array.concat(
	[object.get(rule_props(rule), "destinationPortRange", "")],
	object.get(rule_props(rule), "destinationPortRanges", []),
)

# internet_source is the first source prefix of the rule that means "anywhere".
internet_source(rule) := [source |
	some source in rule_sources(rule)
	lower(source) in internet_sources
][0]

# inbound_allow_rules: the NSG's custom inbound Allow rules open to the Internet
# for one of `protocols` (lower case: "tcp", "udp"; "*" always matches).
inbound_allow_rules(nsg, protocols) := [rule |
	some rule in object.get(props(nsg), "securityRules", [])
	p := rule_props(rule)
	lower(object.get(p, "access", "")) == "allow"
	lower(object.get(p, "direction", "")) == "inbound"
	protocol_matches(lower(object.get(p, "protocol", "*")), protocols)
	internet_source(rule)
]

protocol_matches("*", _)

protocol_matches(protocol, protocols) if protocol in protocols

# port_range_contains: an NSG port expression ("*", "22", "20-30") includes port.
port_range_contains("*", _)

port_range_contains(range, port) if {
	not contains(range, "-")
	range != "*"
	range != ""
	to_number(trim_space(range)) == port
}

port_range_contains(range, port) if {
	bounds := split(range, "-")
	count(bounds) == 2
	to_number(trim_space(bounds[0])) <= port
	port <= to_number(trim_space(bounds[1]))
}

# open_port_range is the port expression of the rule that includes port.
open_port_range(rule, port) := [range |
	some range in rule_ports(rule)
	port_range_contains(range, port)
][0]

rule_name(rule) := object.get(rule, "name", object.get(rule, "id", "<unnamed rule>"))

# subscription_id is the ARM id of the account (subscription) under evaluation,
# the resource account-scope findings name when no narrower resource fails.
subscription_id(account) := concat("", ["/subscriptions/", account.id])

# resources_of is the account's resources of `type` ([] when none were collected).
resources_of(account_input, type) := object.get(account_input, ["resources", type], [])

# pricing_tier is the Defender for Cloud pricing tier of `plan` (e.g. "VirtualMachines")
# in the subscription's microsoft.security/pricings rows; "Free" when no row exists,
# which is how Defender for Cloud reports a plan never turned on.
pricing_tier(account_input, plan) := tier if {
	tiers := pricing_tiers(account_input, plan)
	count(tiers) > 0
	tier := tiers[0]
} else := "Free"

pricing_tiers(account_input, plan) := [object.get(props(p), "pricingTier", "Free") |
	some p in resources_of(account_input, "microsoft.security/pricings")
	lower(object.get(p, "name", object.get(p, ["config", "name"], ""))) == lower(plan)
]

# server_parameters maps each server parameter name (lower case) to its value, from
# the parapet.azure/serverconfigurations fact under server_id (PostgreSQL, MySQL).
server_parameters(facts_list, server_id) := {lower(item.name): object.get(item, ["properties", "value"], "") |
	some item in child_values(facts_list, server_id)
}

# configurations_collected: a parapet.azure/serverconfigurations fact exists for the server.
configurations_collected(facts_list, server_id) if count(children(facts_list, server_id)) > 0

# firewall_rules are the parapet.azure/firewallrule facts of a database server.
firewall_rules(facts_list, server_id) := [r |
	some r in children(facts_list, server_id)
	contains(lower(r.id), "/firewallrules/")
]

# activity_alert_exists: an enabled Activity Log alert scoped to the subscription
# matches `operation` (lower case, e.g. microsoft.network/networksecuritygroups/write).
activity_alert_exists(account_input, operation) if {
	some alert in resources_of(account_input, "microsoft.insights/activitylogalerts")
	p := props(alert)
	p.enabled == true
	subscription_id(account_input.account) in {lower(trim_suffix(s, "/")) | some s in p.scopes}
	some condition in p.condition.allOf
	lower(condition.field) == "operationname"
	lower(condition.equals) == operation
}

# text renders a value for a message: strings as they are, anything else as JSON.
# Rules format scalars and lists with "%s" and text(value); objects render with %v,
# since json.marshal orders object keys differently in the wasm evaluator.
text(value) := value if is_string(value)

text(value) := json.marshal(value) if not is_string(value)
