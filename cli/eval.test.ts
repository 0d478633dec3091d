import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distModule, fromRoot } from '../common/paths.js';
import { buildEvalTestBundle, TEST_HEADER, testResource as res } from '../engine/eval/testing.js';

// The compiled CLI in a child process (bin/parapet does not run under tap's loaders).
const work = mkdtempSync(join(tmpdir(), 'parapet-eval-cli-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

function parapet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [distModule('cli', 'main.js'), ...args], { cwd: fromRoot() }, (err, stdout, stderr) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function inventory(name: string, records: Array<Record<string, unknown> | string>): string {
  const path = join(work, name);
  writeFileSync(path, [TEST_HEADER, ...records].map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
  return path;
}

let bundle = '';
t.before(async () => {
  bundle = await buildEvalTestBundle(work);
});

const clean = [
  res({ id: 'bucket-private', type: 'AWS::S3::Bucket', config: { Public: false } }),
  res({ id: 'i-tagged', type: 'AWS::EC2::Instance', tags: { owner: 'ops' } }),
];
const findings = [
  ...clean,
  res({ id: 'bucket-public', type: 'AWS::S3::Bucket', config: { Public: true } }),
  res({ id: 'i-untagged', type: 'AWS::EC2::Instance' }),
];
const evalArgs = (inv: string, ...more: string[]) => ['eval', '--bundle', bundle, '--inventory', inv, '--workers', '1', '--now', '2024-06-01T00:00:00Z', ...more];

t.test('exit 0 when clean; the summary by severity and framework on stdout; no progress bar off a terminal', async (t) => {
  const r = await parapet(evalArgs(inventory('clean.ndjson', clean), '--fail-on', 'low'));
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^Bundle evaltest@0\.1\.0: 2 resources evaluated in \d+\.\d s\nOutcomes: 3 passed, 0 failed, 0 errors\n/);
  t.match(r.stdout, /Failed by severity\nseverity +failed\ncritical +0\nhigh +0\nmedium +0\nlow +0\ninfo +0\n/);
  t.match(r.stdout, /Compliance by framework\nframework +passed +failed +error +no resources +not covered +manual +score\ntest-fw +3 +0 +0 +0 +1 +1 +100%/);
  t.notMatch(r.stderr, /evaluating|\[=*-*\]/, 'no progress bar');
  t.equal(r.stderr, '');
});

t.test('exit 1 for findings at or above --fail-on, 0 below it; findings streamed to --out as JSON and NDJSON', async (t) => {
  const inv = inventory('findings.ndjson', findings);
  const json = join(work, 'findings.json');
  const high = await parapet(evalArgs(inv, '--fail-on', 'high', '--format', 'json', '--out', json));
  t.equal(high.code, 1, high.stderr);
  t.match(high.stdout, /Outcomes: 3 passed, 2 failed, 0 errors\n[^]*\nhigh +1\nmedium +0\nlow +1\n/);
  const doc = JSON.parse(readFileSync(json, 'utf8'));
  t.same(doc.findings.map((f: { resource_id: string; status: string }) => `${f.resource_id} ${f.status}`).sort(), ['bucket-public FAIL', 'i-untagged FAIL'], 'JSON: FAIL and ERROR outcomes only');
  t.match(doc.findings.find((f: { resource_id: string }) => f.resource_id === 'bucket-public'), {
    rule_id: 'aws.s3.bucket_public', severity: 'high', message: 'bucket bucket-public is public', evidence: [{ fact_accounts: [], size: 0 }],
  });
  t.match(doc.summary, { resources: 4, invalid_count: 0, totals: { PASS: 3, FAIL: 2, ERROR: 0 }, frameworks: [{ id: 'test-fw' }] });

  const critical = await parapet(evalArgs(inv, '--fail-on', 'critical'));
  t.equal(critical.code, 0, 'nothing critical failed');

  const nd = join(work, 'outcomes.ndjson');
  const r = await parapet(evalArgs(inv, '--fail-on', 'low', '--format', 'ndjson', '--out', nd));
  t.equal(r.code, 1);
  const lines = readFileSync(nd, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.equal(lines.length, 5, 'NDJSON: every outcome, one a line');
  t.same(lines.map((o) => o.status).sort(), ['FAIL', 'FAIL', 'PASS', 'PASS', 'PASS']);
});

t.test('exit 2 for errors: a missing inventory, a bad bundle, ERROR outcomes (even when --fail-on would give 1)', async (t) => {
  const missing = await parapet(evalArgs(join(work, 'nope.ndjson')));
  t.equal(missing.code, 2);
  t.match(missing.stderr, /^parapet: cannot read inventory .*nope\.ndjson: .*\[inventory_unreadable\]/);

  const junk = join(work, 'junk.tar.gz');
  writeFileSync(junk, 'not a bundle');
  const bad = await parapet(['eval', '--bundle', junk, '--inventory', inventory('c2.ndjson', clean)]);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /^parapet: bundle .*junk\.tar\.gz.*\[bundle_[a-z_]+\]/);

  const out = join(work, 'errors.json');
  const inv = inventory('errors.ndjson', [...findings, '{"id": "truncated", "provider": "aws", "ty']);
  const errors = await parapet(evalArgs(inv, '--fail-on', 'high', '--out', out));
  t.equal(errors.code, 2, 'an ERROR outcome outranks findings: the result is incomplete');
  t.match(errors.stdout, /Outcomes: 3 passed, 2 failed, 1 errors/);
  t.match(errors.stderr, /parapet: invalid inventory record 6: line 6 is not valid JSON/);
  const doc = JSON.parse(readFileSync(out, 'utf8'));
  t.match(doc.findings.filter((f: { status: string }) => f.status === 'ERROR'), [{ rule_id: 'parapet.inventory.invalid', resource_id: 'inventory:line:6' }]);
});
