/**
 * Findings as AWS Security Finding Format (ASFF) for Security Hub's
 * BatchImportFindings, which takes at most 100 findings a call: the output is a
 * JSON array of batches. Only AWS resources are exported (ASFF requires the
 * finding's 12-digit AWS account); the others are counted as skipped.
 */
import type { Writable } from 'node:stream';
import type { Severity } from '../engine/bundle/types.js';
import type { Findings, ReportContext, ReportFinding } from './types.js';
import { ruleIndex } from './types.js';
import { writeJsonArray } from './stream.js';
import { findingFingerprint } from './sarif.js';

export const ASFF_BATCH_SIZE = 100;
const LABEL: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFORMATIONAL' };
const ASFF_RESOURCE_TYPE: Record<string, string> = {
  'AWS::S3::Bucket': 'AwsS3Bucket', 'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup', 'AWS::IAM::User': 'AwsIamUser',
  'AWS::IAM::Role': 'AwsIamRole', 'AWS::IAM::Policy': 'AwsIamPolicy', 'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail', 'AWS::RDS::DBInstance': 'AwsRdsDbInstance', 'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::VPC': 'AwsEc2Vpc', 'AWS::EC2::Instance': 'AwsEc2Instance', 'AWS::EC2::NetworkAcl': 'AwsEc2NetworkAcl',
  'AWS::EFS::FileSystem': 'AwsEfsAccessPoint',
};

export function toAsff(context: ReportContext, rules: ReturnType<typeof ruleIndex>, f: ReportFinding) {
  const rule = rules.get(f.rule_id);
  const region = f.region === 'global' ? 'us-east-1' : f.region;
  const now = context.generated_at;
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const requirements = Object.entries(rule?.frameworks ?? {}).flatMap(([fw, ids]) => ids.map((id) => `${fw} ${id}`));
  return {
    SchemaVersion: '2018-10-08',
    Id: `parapet/${f.rule_id}/${findingFingerprint(f.rule_id, f.resource_id)}`,
    ProductArn: `arn:${partition}:securityhub:${region}:${f.account}:product/${f.account}/default`,
    GeneratorId: `parapet/${f.rule_id}`,
    AwsAccountId: f.account,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    CreatedAt: f.first_seen ?? now,
    UpdatedAt: f.last_seen ?? now,
    Severity: { Label: f.status === 'PASS' ? 'INFORMATIONAL' : LABEL[f.severity] },
    Title: (rule?.title ?? f.rule_id).slice(0, 256),
    Description: (f.message ?? rule?.description ?? f.rule_id).slice(0, 1024),
    Remediation: { Recommendation: { Text: (rule?.remediation.text ?? 'See the rule documentation.').slice(0, 512) } },
    Resources: [{ Type: ASFF_RESOURCE_TYPE[f.resource_type] ?? 'Other', Id: f.resource_id, Partition: partition, Region: region }],
    Compliance: {
      Status: f.status === 'PASS' ? 'PASSED' : f.status === 'FAIL' ? 'FAILED' : 'NOT_AVAILABLE',
      ...(requirements.length ? { RelatedRequirements: requirements.slice(0, 32) } : {}),
    },
    RecordState: f.status === 'PASS' || f.lifecycle === 'resolved' ? 'ARCHIVED' : 'ACTIVE',
    Workflow: { Status: f.suppressed ? 'SUPPRESSED' : f.status === 'PASS' || f.lifecycle === 'resolved' ? 'RESOLVED' : 'NEW' },
    ProductFields: { 'parapet/rule_id': f.rule_id, 'parapet/resource_type': f.resource_type, ...(f.lifecycle ? { 'parapet/lifecycle': f.lifecycle } : {}) },
  };
}

export type AsffFinding = ReturnType<typeof toAsff>;

/** Groups ASFF findings into BatchImportFindings-sized batches. */
export async function* asffBatches(context: ReportContext, findings: Findings, skipped: { count: number }): AsyncGenerator<AsffFinding[]> {
  const rules = ruleIndex(context);
  let batch: AsffFinding[] = [];
  for await (const f of findings) {
    if (f.provider !== 'aws' || !/^\d{12}$/.test(f.account)) {
      skipped.count++;
      continue;
    }
    batch.push(toAsff(context, rules, f));
    if (batch.length === ASFF_BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export async function writeAsff(context: ReportContext, findings: Findings, out: Writable): Promise<{ batches: number; skipped: number }> {
  const skipped = { count: 0 };
  const batches = await writeJsonArray(out, '', asffBatches(context, findings, skipped), '\n');
  return { batches, skipped: skipped.count };
}
