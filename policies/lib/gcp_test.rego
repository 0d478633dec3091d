package parapet.lib.gcp_test

import data.parapet.lib.gcp

test_account_resource_id if {
	gcp.account_resource_id({"provider": "gcp", "id": "acme-prod"}) == "gcp:account:acme-prod"
}

test_gke_node_by_label_or_name if {
	gcp.gke_node({"name": "batch-1", "labels": {"goog-gke-node": ""}})
	gcp.gke_node({"name": "gke-pool-1-abcd"})
	not gcp.gke_node({"name": "web-1", "labels": {"env": "prod"}})
}

test_default_compute_service_account if {
	gcp.default_compute_service_account("123456789012-compute@developer.gserviceaccount.com")
	not gcp.default_compute_service_account("web@acme-prod.iam.gserviceaccount.com")
	not gcp.default_compute_service_account("x123-compute@developer.gserviceaccount.com")
	not gcp.default_compute_service_account("-compute@developer.gserviceaccount.com")
	not gcp.default_compute_service_account("12-compute@developer.gserviceaccount.com-compute@developer.gserviceaccount.com")
	not gcp.default_compute_service_account("12-compute@developerxgserviceaccount.com")
	not gcp.default_compute_service_account("12-compute@developer.gserviceaccount.com ")
}

test_port_specs if {
	gcp.port_in_spec("22", 22)
	gcp.port_in_spec("20-30", 22)
	gcp.port_in_spec("22-22", 22)
	not gcp.port_in_spec("23-30", 22)
	not gcp.port_in_spec("2222", 22)
	gcp.port_listed([], 3389)
}

test_active_ingress if {
	gcp.active_ingress({"sourceRanges": ["0.0.0.0/0"]})
	not gcp.active_ingress({"direction": "EGRESS"})
	not gcp.active_ingress({"direction": "INGRESS", "disabled": true})
}

test_same_network_across_api_versions if {
	gcp.same_network(
		"https://www.googleapis.com/compute/v1/projects/p/global/networks/n",
		"https://compute.googleapis.com/compute/beta/projects/p/global/networks/n",
	)
	not gcp.same_network(
		"https://www.googleapis.com/compute/v1/projects/p/global/networks/n",
		"https://www.googleapis.com/compute/v1/projects/p/global/networks/m",
	)
	gcp.network_path("global/networks/n") == "global/networks/n"
}

test_duration_and_age if {
	gcp.duration_seconds("7776000s") == 7776000
	gcp.duration_seconds("1.5s") == 1.5
	gcp.age_days("2024-05-31T00:00:00Z", 1717200000000000000) == 1
}

test_sql_flags if {
	cfg := {"databaseVersion": "SQLSERVER_2019_STANDARD", "settings": {"databaseFlags": [{"name": "remote access", "value": "off"}]}}
	gcp.sql_engine(cfg) == "SQLSERVER"
	gcp.sql_flag(cfg, "remote access") == "off"
	gcp.sql_flag_set(cfg, "remote access")
	not gcp.sql_flag_set(cfg, "3625")
}

test_filter_normalization if {
	gcp.filter_matches("resource.type = \"gce_route\"\n AND protoPayload.methodName:\"compute.routes.insert\"", ["resource.type=gce_route", "compute.routes.insert"])
	not gcp.filter_matches("resource.type=\"gce_route\"", ["compute.routes.delete"])
}

test_metric_short_name if {
	gcp.metric_short_name({"name": "projects/acme-prod/metrics/owner-changes"}) == "owner-changes"
	gcp.metric_short_name({"name": "owner-changes"}) == "owner-changes"
}

test_alerted_metrics if {
	policies := [
		{"config": {"enabled": true, "conditions": [{"conditionThreshold": {"filter": "metric.type=\"logging.googleapis.com/user/a\" AND resource.type=\"global\""}}]}},
		{"config": {"conditions": [{"conditionAbsent": {"filter": "(metric.type = \"logging.googleapis.com/user/b\")"}}]}},
		{"config": {"enabled": false, "conditions": [{"conditionThreshold": {"filter": "metric.type=\"logging.googleapis.com/user/c\""}}]}},
	]
	gcp.alerted_metrics(policies) == {"a", "b"}
}
