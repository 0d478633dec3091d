package parapet.rules.aws.iam.expired_server_certificates_test

import data.parapet.rules.aws.iam.expired_server_certificates

# 2024-06-01T00:00:00Z
now := 1717200000000000000

account := {"provider": "aws", "id": "111122223333"}

certs(list) := {"account": account, "resources": {"Parapet::IAM::ServerCertificates": [{"id": "arn:aws:parapet:global:111122223333:server-certificates", "type": "Parapet::IAM::ServerCertificates", "provider": "aws", "account": "111122223333", "region": "global", "config": {"ServerCertificateMetadataList": list}}]}}

valid := {"Path": "/", "ServerCertificateName": "www-2025", "ServerCertificateId": "ASCAVALID", "Arn": "arn:aws:iam::111122223333:server-certificate/www-2025", "UploadDate": "2024-01-01T00:00:00Z", "Expiration": "2025-01-01T00:00:00Z"}

# Expires exactly now: not yet expired.
expiring_now := object.union(valid, {"ServerCertificateName": "edge", "Arn": "arn:aws:iam::111122223333:server-certificate/edge", "Expiration": "2024-06-01T00:00:00Z"})

expired := object.union(valid, {"ServerCertificateName": "www-2023", "Arn": "arn:aws:iam::111122223333:server-certificate/www-2023", "Expiration": "2024-01-01T00:00:00Z"})

pass_valid := certs([valid, expiring_now])

pass_none := certs([])

fail_expired := certs([valid, expired])

test_pass_with_valid_certificates if {
	count(expired_server_certificates.deny) == 0 with input as pass_valid with time.now_ns as now
	count(expired_server_certificates.deny) == 0 with input as pass_none with time.now_ns as now
}

test_fail_with_expired_certificate if {
	findings := expired_server_certificates.deny with input as fail_expired with time.now_ns as now
	count(findings) == 1
	some f in findings
	f.resource == "arn:aws:iam::111122223333:server-certificate/www-2023"
	contains(f.msg, "www-2023 expired on 2024-01-01T00:00:00Z")
}

fail_fact_missing := {"account": {"provider": "aws", "id": "111122223333"}, "resources": {"Parapet::IAM::ServerCertificates": []}}

test_fail_when_the_fact_is_missing if {
	some f in expired_server_certificates.deny with input as fail_fact_missing with time.now_ns as 1717200000000000000
	f.resource == "aws:account:111122223333"
	f.evidence == {"missing": "Parapet::IAM::ServerCertificates"}
}
