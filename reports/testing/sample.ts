/** A small, realistic report context and findings for the report tests and examples/. */
import type { RuleMetadata } from '../../engine/bundle/types.js';
import type { FrameworkSummary } from '../../engine/findings/types.js';
import type { ReportContext, ReportFinding } from '../types.js';

export const sampleRules: RuleMetadata[] = [
  {
    id: 'aws.s3.bucket_public_access_block', title: 'S3 bucket blocks public access',
    description: 'A bucket without a public access block can be made public by an ACL or policy.',
    severity: 'high', resource_types: ['AWS::S3::Bucket'], scope: 'resource', facts: [],
    frameworks: { 'cis-aws-3.0.0': ['2.1.4'], 'pci-dss-4.0': ['1.4.1'], 'nist-800-53-r5': ['AC-3'] },
    remediation: { text: 'Turn on all four S3 Block Public Access settings for the bucket.', cli: 'aws s3api put-public-access-block --bucket <name> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true' },
    package: 'parapet.rules.aws.s3.bucket_public_access_block', path: 'policies/aws/s3/bucket_public_access_block.rego',
  },
  {
    id: 'aws.iam.root_mfa', title: 'Root user has MFA', description: 'The root user can do anything; protect it with MFA.',
    severity: 'critical', resource_types: ['Parapet::IAM::AccountSummary'], scope: 'resource', facts: [],
    frameworks: { 'cis-aws-3.0.0': ['1.5'], 'pci-dss-4.0': ['8.4.1'] },
    remediation: { text: 'Enable MFA on the root user.' },
    package: 'parapet.rules.aws.iam.root_mfa', path: 'policies/aws/iam/root_mfa.rego',
  },
];

export const sampleFrameworks: FrameworkSummary[] = [
  {
    id: 'cis-aws-3.0.0', name: 'CIS Amazon Web Services Foundations Benchmark', version: '3.0.0', score: 50,
    counts: { passed: 1, failed: 1, error: 0, not_covered: 0, manual: 1, no_resources: 0 },
    controls: [
      { id: '1.5', title: 'MFA is enabled for the root user account', section: '1 Identity and Access Management', automated: true, status: 'passed', rules: ['aws.iam.root_mfa'], pass: 1, fail: 0, error: 0 },
      { id: '1.1', title: 'Maintain current contact details', section: '1 Identity and Access Management', automated: false, status: 'manual', rules: [], pass: 0, fail: 0, error: 0 },
      { id: '2.1.4', title: 'S3 is configured with Block Public Access', section: '2 Storage > 2.1 Simple Storage Service (S3)', automated: true, status: 'failed', rules: ['aws.s3.bucket_public_access_block'], pass: 1, fail: 2, error: 0 },
    ],
  },
];

export function sampleContext(): ReportContext {
  return {
    generated_at: '2026-11-29T12:00:00.000Z',
    scan: { id: 7, target: 'examples', started_at: '2026-11-29T11:59:00.000Z', finished_at: '2026-11-29T12:00:00.000Z' },
    bundle: { name: 'cis-aws', version: '1.0.0', digest: 'sha256:00' },
    rules: sampleRules,
    frameworks: sampleFrameworks,
  };
}

export function sampleFindings(): ReportFinding[] {
  const base = { resource_type: 'AWS::S3::Bucket', provider: 'aws' as const, account: '111122223333', region: 'eu-west-1', severity: 'high' as const, rule_id: 'aws.s3.bucket_public_access_block' };
  return [
    { ...base, resource_id: 'arn:aws:s3:::acme-logs', status: 'FAIL', lifecycle: 'new', message: 'bucket acme-logs has no public access block (BlockPublicAcls=false)', evidence: [{ BlockPublicAcls: false }], first_seen: '2026-11-29T11:59:30.000Z', last_seen: '2026-11-29T11:59:30.000Z' },
    { ...base, resource_id: 'arn:aws:s3:::acme-web, "quoted"', status: 'FAIL', lifecycle: 'reopened', message: '=HYPERLINK("x") bucket has no block', evidence: [], suppressed: { exception_id: 'exc-1', owner: 'web-team', reason: 'public website', expires_at: '2027-01-01T00:00:00.000Z' } },
    { ...base, resource_id: 'arn:aws:s3:::acme-private', status: 'PASS' },
    { rule_id: 'aws.iam.root_mfa', resource_id: 'arn:aws:parapet:global:111122223333:account-summary', resource_type: 'Parapet::IAM::AccountSummary', provider: 'aws', account: '111122223333', region: 'global', severity: 'critical', status: 'PASS' },
    { rule_id: 'aws.s3.bucket_public_access_block', resource_id: '//storage.googleapis.com/not-aws', resource_type: 'storage.googleapis.com/Bucket', provider: 'gcp', account: 'proj-1', region: 'us', severity: 'high', status: 'ERROR', message: 'evaluation timed out' },
  ];
}
