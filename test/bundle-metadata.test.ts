import t, { type Test } from 'tap';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../common/paths.js';
import { isParapetError } from '../common/errors.js';
import { loadCatalogs, loadRuleMetadata } from '../engine/bundle/metadata.js';

const fixture = fromRoot('engine', 'bundle', 'testdata', 'policies');
const RULE = join('aws', 's3', 'bucket_public_access_block.rego');

/** A copy of the fixture tree with the S3 rule's text changed by `edit`. */
function treeWith(edit: (text: string) => string, extra?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-meta-'));
  cpSync(fixture, dir, { recursive: true });
  const file = join(dir, RULE);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  extra?.(dir);
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function refusal(tt: Test, dir: string): Promise<Error & { code?: string; details?: unknown }> {
  const err = await loadRuleMetadata(dir).then(
    () => undefined,
    (e: Error) => e,
  );
  tt.ok(isParapetError(err, 'policy_metadata_invalid'), 'refused with policy_metadata_invalid');
  return err as Error;
}

t.test('reads and validates the fixture rules', async (t) => {
  const rules = await loadRuleMetadata(fixture);
  t.same(
    rules.map((r) => r.id),
    ['aws.iam.password_min_length', 'aws.s3.bucket_public_access_block', 'gcp.storage.bucket_uniform_access'],
  );
  const s3 = rules.find((r) => r.id === 'aws.s3.bucket_public_access_block')!;
  t.equal(s3.package, 'parapet.rules.aws.s3.bucket_public_access_block');
  t.equal(s3.path, 'engine/bundle/testdata/policies/aws/s3/bucket_public_access_block.rego');
  t.same(s3.facts, ['Parapet::S3::AccountPublicAccessBlock']);
  t.same(s3.frameworks['pci-dss-4.0'], ['1.4.1', 'A3.3.1.1'], 'PCI A3.3.1.2 is read as its catalog id A3.3.1.1');
  t.equal(rules.find((r) => r.id === 'aws.iam.password_min_length')!.scope, 'account');
  t.equal(loadCatalogs(join(fixture, 'frameworks')).get('cis-aws-3.0.0')!.controls.length, 4);
});

const cases: Array<[string, (s: string) => string, RegExp]> = [
  ['missing title', (s) => s.replace(/^# title:.*\n/m, ''), /needs a title/],
  ['missing remediation', (s) => s.replace(/^#   remediation:\n#     text:.*\n/m, ''), /remediation\.text is missing/],
  ['bad severity', (s) => s.replace('severity: high', 'severity: severe'), /custom\.severity "severe" must be one of/],
  ['unknown framework', (s) => s.replace('cis-aws-3.0.0: ["2.1.4"]', 'cis-aws-9.9: ["2.1.4"]'), /unknown framework "cis-aws-9\.9"/],
  ['unknown control', (s) => s.replace('cis-aws-3.0.0: ["2.1.4"]', 'cis-aws-3.0.0: ["2.1.99"]'), /control "2\.1\.99" is not in the cis-aws-3\.0\.0 catalog/],
  ['id/path mismatch', (s) => s.replace('id: aws.s3.bucket_public_access_block', 'id: aws.s3.public_block'), /custom\.id "aws\.s3\.public_block" must be "aws\.s3\.bucket_public_access_block"/],
  ['empty resource types', (s) => s.replace('resource_types: [AWS::S3::Bucket]', 'resource_types: []'), /resource_types must be a non-empty list/],
  ['bad scope', (s) => s.replace('scope: resource', 'scope: org'), /custom\.scope "org" must be resource or account/],
  ['misspelt field', (s) => s.replace('resource_types:', 'resource_type:'), /unknown custom field "resource_type"/],
];

for (const [name, edit, expected] of cases) {
  t.test(`refuses ${name}, naming the file`, async (t) => {
    const err = await refusal(t, treeWith(edit));
    t.match(err.message, /aws\/s3\/bucket_public_access_block\.rego: /);
    t.match(err.message, expected);
  });
}

t.test('refuses a duplicate id, naming both files', async (t) => {
  const dir = treeWith((s) => s, (d) => {
    // Same id in a second file: its path also disagrees, and the duplicate is reported.
    const copy = readFileSync(join(d, RULE), 'utf8');
    writeFileSync(join(d, 'aws', 's3', 'copy.rego'), copy.replace('package parapet.rules.aws.s3.bucket_public_access_block', 'package parapet.rules.aws.s3.copy'));
    writeFileSync(join(d, 'aws', 's3', 'copy_test.rego'), 'package parapet.rules.aws.s3.copy_test\n');
  });
  const err = await refusal(t, dir);
  t.match(err.message, /aws\/s3\/copy\.rego: duplicate rule id "aws\.s3\.bucket_public_access_block" \(also in .*aws\/s3\/bucket_public_access_block\.rego\)/);
});

t.test('refuses a rule without its test file', async (t) => {
  const dir = treeWith((s) => s, (d) => unlinkSync(join(d, 'aws', 's3', 'bucket_public_access_block_test.rego')));
  const err = await refusal(t, dir);
  t.match(err.message, /aws\/s3\/bucket_public_access_block\.rego: missing its test file bucket_public_access_block_test\.rego/);
});

t.test('refuses a rule without a METADATA block', async (t) => {
  const err = await refusal(t, treeWith((s) => s.replace(/^# .*\n/gm, '')));
  t.match(err.message, /bucket_public_access_block\.rego: has no package-scoped # METADATA block/);
});

t.test('a Rego syntax error is reported with its file', async (t) => {
  const err = await loadRuleMetadata(treeWith((s) => s + '\ndeny contains x if {\n')).then(
    () => undefined,
    (e: Error) => e,
  );
  t.ok(isParapetError(err, 'policy_parse_error'));
  t.match((err as Error).message, /bucket_public_access_block\.rego/);
});
