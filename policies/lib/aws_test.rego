package parapet.lib.aws_test

import data.parapet.lib.aws

test_account_resource if {
	aws.account_resource({"provider": "aws", "id": "111122223333"}) == "aws:account:111122223333"
}

test_is_true_reads_strings_and_booleans if {
	aws.is_true("true")
	aws.is_true(true)
	not aws.is_true("false")
	not aws.is_true("not_supported")
}

test_percent_escapes_are_every_printable_ascii_code if {
	printable := " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
	escapes := {e: c |
		some code in numbers.range(32, 126)
		c := substring(printable, code - 32, 1)
		some e in [sprintf("%%%02X", [code]), sprintf("%%%02x", [code])]
	}
	aws.percent_escapes == escapes
}

test_url_decode if {
	aws.url_decode("%7B%22a%22%3A%20%22b+c%22%7d%0A") == "{\"a\": \"b c\"}\n"
	aws.url_decode("100%25") == "100%"
}

test_policy_document_forms if {
	doc := {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
	aws.policy_document(doc) == doc
	aws.policy_document(json.marshal(doc)) == doc
	aws.policy_document("%7B%22Statement%22%3A%5B%5D%7D") == {"Statement": []}
	aws.allows_full_admin(doc)
	count(aws.statements(doc)) == 1
}

test_world_ingress_reads_every_cidr_form if {
	config := {"ipPermissions": [
		{"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "ipRanges": ["0.0.0.0/0"]},
		{"ipProtocol": "tcp", "fromPort": 3389, "toPort": 3389, "ipRanges": [{"cidrIp": "0.0.0.0/0"}]},
		{"ipProtocol": "-1", "ipv6Ranges": [{"cidrIpv6": "::/0"}]},
		{"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "ipv4Ranges": [{"cidrIp": "10.0.0.0/8"}]},
	]}
	aws.world_ingress(config) == {
		{"protocol": "tcp", "from": 22, "to": 22, "cidr": "0.0.0.0/0", "family": "ipv4"},
		{"protocol": "tcp", "from": 3389, "to": 3389, "cidr": "0.0.0.0/0", "family": "ipv4"},
		{"protocol": "-1", "from": 0, "to": 65535, "cidr": "::/0", "family": "ipv6"},
	}
	aws.input_world_ingress == aws.world_ingress(config) with input as {"resource": {"config": config}}
	aws.input_open_admin_ports("ipv4") == aws.open_admin_ports(config, "ipv4") with input as {"resource": {"config": config}}
	aws.input_open_admin_ports("ipv6") == {{"protocol": "-1", "ports": [22, 3389], "cidr": "::/0"}} with input as {"resource": {"config": config}}
}

# The every-bucket form s3_value_covers accepts is the regex it stands for: ^arn:[a-z-]+:s3(:::)?$
test_s3_value_covers_every_bucket_is_the_regex if {
	values := [
		"arn:aws:s3", "arn:aws:s3:::", "arn:aws-cn:s3:::", "arn:-:s3", "arn::s3", "arn:aws:s3::",
		"arn:aws:s3::::", "arn:AWS:s3", "arn:aws:S3", "arn:a_b:s3", "arn:aws:s3:a::", "xarn:aws:s3",
		"arn:aws:s3\n", "arn:aws:s31", "arn:a:b:s3",
	]
	covered := {v | some v in values; aws.s3_value_covers(v, "no-such-bucket")}
	covered == {v | some v in values; regex.match(`^arn:[a-z-]+:s3(:::)?$`, v)}
	count(covered) == 4
}

test_s3_value_covers_one_bucket if {
	aws.s3_value_covers("arn:aws:s3:::logs/", "logs")
	aws.s3_value_covers("arn:aws:s3:::logs/prefix/", "logs")
	not aws.s3_value_covers("arn:aws:s3:::logs-old/", "logs")
	not aws.s3_value_covers("arn:aws:s3:::logs", "logs")
	aws.bucket_prefix(123) == sprintf("%s/", [123])
}
