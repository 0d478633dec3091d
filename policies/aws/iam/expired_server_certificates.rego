# METADATA
# title: Expired SSL/TLS certificates are removed from IAM
# description: An expired certificate left in IAM can be deployed by mistake to an ELB or CloudFront, breaking TLS or trust.
# custom:
#   id: aws.iam.expired_server_certificates
#   severity: low
#   resource_types: [Parapet::IAM::ServerCertificates]
#   scope: account
#   frameworks:
#     cis-aws-3.0.0: ["1.19"]
#     pci-dss-4.0: ["4.2.1"]
#     nist-800-53-r5: ["SC-12", "SC-17"]
#     hipaa: ["164.312(e)(1)"]
#   remediation:
#     text: Delete the expired server certificate (after checking no listener uses it).
#     cli: aws iam delete-server-certificate --server-certificate-name <name>
package parapet.rules.aws.iam.expired_server_certificates

import data.parapet.lib
import data.parapet.lib.aws
import data.parapet.lib.dates

deny contains lib.finding(cert.Arn, msg, {"ServerCertificateName": cert.ServerCertificateName, "Expiration": cert.Expiration}) if {
	some fact in input.resources["Parapet::IAM::ServerCertificates"]
	some cert in object.get(fact.config, "ServerCertificateMetadataList", [])
	dates.before_now(cert.Expiration, time.now_ns())
	msg := sprintf("IAM server certificate %s expired on %s", [cert.ServerCertificateName, cert.Expiration])
}

deny contains missing if missing := aws.missing_fact(input.account, input.resources, "Parapet::IAM::ServerCertificates")
