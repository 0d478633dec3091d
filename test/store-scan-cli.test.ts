/**
 * The scan commands end to end on both store backends: `parapet scan` over
 * three versions of an estate with a real bundle (built by the OPA compiler
 * from the fixture rule tree), `diff`, `exception`, `score`, `token`, and a
 * real `bin/parapet scan` process SIGKILLed mid-way.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { distModule, fromRoot } from '../common/paths.js';
import { buildBundle } from '../engine/bundle/build.js';
import type { Resource } from '../collectors/schema/inventory.js';
import * as diffCli from '../cli/diff.js';
import * as exceptionsCli from '../cli/exceptions.js';
import * as scanCli from '../cli/scan.js';
import * as tokenCli from '../cli/token.js';
import { BACKENDS, makeStore } from './store-harness.js';

const ACCOUNT = '111122223333';
const work = mkdtempSync(join(tmpdir(), 'parapet-scan-cli-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

let bundle: string;
t.before(async () => {
  bundle = (
    await buildBundle(fromRoot('engine', 'bundle', 'testdata', 'bundles', 'fixture.json'), {
      policiesDir: fromRoot('engine', 'bundle', 'testdata', 'policies'),
      outDir: work,
    })
  ).file;
});

const FULL_BLOCK = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
function bucket(name: string, blocked: boolean, tags: Record<string, string> = {}): Resource {
  return {
    id: `arn:aws:s3:::${name}`, provider: 'aws', type: 'AWS::S3::Bucket', account: ACCOUNT, region: 'us-east-1', name, tags,
    config: { BucketName: name, ...(blocked ? { PublicAccessBlockConfiguration: FULL_BLOCK } : {}) },
  };
}
const POLICY_ID = `arn:aws:parapet:global:${ACCOUNT}:iam-passwordpolicy`;
const passwordPolicy = (length: number): Resource => ({
  id: POLICY_ID, provider: 'aws', type: 'Parapet::IAM::PasswordPolicy', account: ACCOUNT, region: 'global', name: 'password-policy', tags: {},
  config: { MinimumPasswordLength: length },
});

function inventory(name: string, resources: Resource[]): string {
  const file = join(work, `${name}.ndjson`);
  const header = { version: 'parapet.inventory/v1', generated_at: '2026-11-02T08:00:00.000Z', sources: [{ provider: 'aws', scope: `file:${name}`, collector: 'test', started_at: '2026-11-02T08:00:00.000Z', complete: true }] };
  writeFileSync(file, [header, ...resources].map((x) => JSON.stringify(x)).join('\n') + '\n');
  return file;
}

/** Runs command groups in this process (a fresh program each time), capturing stdout. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const program = new Command('parapet').exitOverride();
  for (const group of [diffCli, exceptionsCli, scanCli, tokenCli]) group.register(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'parapet', ...args]);
    return { code: Number(process.exitCode ?? 0), out };
  } finally {
    process.stdout.write = write;
    process.exitCode = 0;
  }
}

const v1 = () => inventory('v1', [bucket('shop-assets', false, { env: 'dev' }), bucket('shop-logs', true), passwordPolicy(8)]);
const v2 = () => inventory('v2', [bucket('shop-assets', true, { env: 'dev' }), bucket('shop-logs', false), passwordPolicy(16)]);
const v3 = () => inventory('v3', [bucket('shop-assets', false, { env: 'dev' }), bucket('shop-logs', false), passwordPolicy(16)]);
const S3 = 'aws.s3.bucket_public_access_block';
const IAM = 'aws.iam.password_min_length';

for (const backend of BACKENDS) {
  t.test(`${backend}: scan, diff, exception, score and token commands`, async (t) => {
    const ts = await makeStore(backend);
    t.teardown(ts.cleanup);
    const db = ['--db', ts.location];

    const first = await cli(['scan', '--inventory', v1(), '--bundle', bundle, ...db, '--target', 'shop', '--workers', '1', '--fail-on', 'high']);
    t.equal(first.code, 1, '--fail-on high: a high finding fails the run');
    t.match(first.out, /Outcomes: 1 passed, 2 failed, 0 errors/);
    t.match(first.out, /Scan 1 of shop: succeeded .* bundle fixture@1\.2\.3/);
    t.match(first.out, /Findings: 2 new, 0 reopened, 0 still open, 0 resolved, 0 suppressed/);
    t.match(first.out, /cis-aws-3\.0\.0/);
    const scan1 = await ts.store.scans.get(1);
    t.match(scan1, { target: 'shop', status: 'succeeded', bundle: { name: 'fixture', version: '1.2.3', digest: /^sha256:/ }, counts: { resources: 3 } });
    t.same(scan1.sources.map((s) => s.scope), ['file:v1']);
    t.ok((scan1.duration_ms ?? -1) >= 0);
    t.same((await ts.store.scans.resource(1, 'arn:aws:s3:::shop-assets'))?.tags, { env: 'dev' }, 'the resources snapshot keeps configuration and tags');

    const second = await cli(['scan', '--inventory', v2(), '--bundle', bundle, ...db, '--target', 'shop', '--workers', '1']);
    t.equal(second.code, 0);
    t.match(second.out, /Findings: 1 new, 0 reopened, 0 still open, 2 resolved/);
    const d12 = JSON.parse((await cli(['diff', ...db, '--json'])).out);
    t.same([d12.from, d12.to], [1, 2]);
    t.same(d12.new.map((f: { resource_id: string }) => f.resource_id), ['arn:aws:s3:::shop-logs']);
    t.same(d12.resolved.map((f: { rule_id: string; resource_id: string }) => `${f.rule_id} ${f.resource_id}`).sort(), [`${IAM} ${POLICY_ID}`, `${S3} arn:aws:s3:::shop-assets`]);

    // An exception on dev-tagged resources, then the bucket fails again: reopened, but suppressed.
    const added = JSON.parse((await cli(['exception', 'add', '--tag', 'env=dev', '--owner', 'web-team', '--reason', 'static assets only', '--expires', new Date(Date.now() + 86_400_000).toISOString(), '--by', 'alice', ...db, '--json'])).out);
    t.match(added, { id: /^exc_/, scope: { tag: { key: 'env', value: 'dev' } }, created_by: 'alice' });
    await t.rejects(cli(['exception', 'add', '--owner', 'x', '--reason', 'y', '--expires', '2030-01-01', ...db]), { code: 'exception_invalid' });
    await t.rejects(cli(['exception', 'add', '--tag', '=x', '--owner', 'x', '--reason', 'y', '--expires', '2030-01-01', ...db]), { code: 'exception_invalid' });

    const reportFile = join(work, `report-${backend}.json`);
    const third = await cli(['scan', '--inventory', v3(), '--bundle', bundle, ...db, '--target', 'shop', '--workers', '1', '--fail-on', 'high', '--report', reportFile]);
    t.equal(third.code, 1, 'shop-logs still fails unsuppressed');
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    t.match(report.context, { scan: { id: 3, target: 'shop' }, bundle: { name: 'fixture', version: '1.2.3' } });
    t.match(report.findings, [
      { resource_id: 'arn:aws:s3:::shop-assets', status: 'FAIL', lifecycle: 'reopened', suppressed: { owner: 'web-team', reason: 'static assets only' } },
      { resource_id: 'arn:aws:s3:::shop-logs', status: 'FAIL', lifecycle: 'open' },
    ]);
    t.equal(report.findings.length, 2, 'the report holds the failing outcomes, suppressed ones kept and marked');
    await t.rejects(cli(['scan', '--inventory', v3(), '--bundle', bundle, ...db, '--report', join(work, 'r.txt')]), { code: 'invalid_argument' });
    t.match(third.out, /Findings: 0 new, 1 reopened, 1 still open, 0 resolved, 1 suppressed/);
    const assets = await ts.store.findings.get(S3, 'arn:aws:s3:::shop-assets');
    t.match(assets, { status: 'reopened', suppressed_by: added.id, first_scan_id: 1 });
    const text = (await cli(['diff', ...db])).out;
    t.match(text, /Scan 2 → scan 3: 0 new, 0 resolved, 1 reopened/);
    t.match(text, new RegExp(`suppressed by ${added.id}`));

    t.match((await cli(['exception', 'list', ...db])).out, new RegExp(`${added.id} +tag:env=dev +web-team`));
    t.match((await cli(['exception', 'expire', added.id, '--by', 'bob', ...db])).out, new RegExp(`Expired exception ${added.id}`));
    t.equal((await cli(['exception', 'list', ...db])).out.includes(added.id), false, 'no longer active');
    t.match((await cli(['exception', 'list', '--all', ...db])).out, /expired/);
    const trail = JSON.parse((await cli(['exception', 'audit', added.id, ...db, '--json'])).out);
    t.same(trail.map((a: { action: string; actor: string }) => `${a.action}:${a.actor}`), ['create:alice', 'expire:bob']);

    const fourth = await cli(['scan', '--inventory', v3(), '--bundle', bundle, ...db, '--target', 'shop', '--workers', '1']);
    t.match(fourth.out, /Findings: 0 new, 1 reopened, 1 still open, 0 resolved, 0 suppressed/, 'the expired exception reopens its finding');

    // Scores and their trend: the bucket rule is high, the password rule medium.
    const trend = JSON.parse((await cli(['score', '--trend', 'overall', ...db, '--json'])).out);
    t.same(trend.map((p: { scan_id: number }) => p.scan_id), [1, 2, 3, 4]);
    t.same(trend.map((p: { score: number }) => p.score), [38.5, 61.5, 37.5, 23.1]);
    const scores = JSON.parse((await cli(['score', '--scan', '3', ...db, '--json'])).out).scores;
    t.match(scores.find((s: { dimension: string }) => s.dimension === 'account'), { key: `aws:${ACCOUNT}`, score: 37.5, passed: 1, failed: 1 });
    t.ok(scores.some((s: { dimension: string; key: string }) => s.dimension === 'framework' && s.key === 'cis-aws-3.0.0'));
    await t.rejects(cli(['score', '--trend', 'account', ...db]), { code: 'invalid_argument' });
    t.match((await cli(['scans', ...db])).out, /4 +shop +succeeded/);

    // Tokens: shown once, stored as a hash only.
    const token = (await cli(['token', 'create', '--name', 'ci', '--scopes', 'evaluate,bundles:read', ...db])).out.trim();
    t.match(token, /^ppt_[0-9a-f]{16}_/);
    const listed = JSON.parse((await cli(['token', 'list', ...db, '--json'])).out);
    t.match(listed, [{ name: 'ci', scopes: ['evaluate', 'bundles:read'] }]);
    t.notOk(JSON.stringify(listed).includes(token));
    const secret = token.split('_').slice(2).join('_');
    if (backend === 'sqlite') {
      const dir = join(ts.location, '..');
      for (const f of readdirSync(dir)) t.notOk(readFileSync(join(dir, f)).includes(secret), `${f} does not hold the token`);
    } else {
      const rows = await ts.store.db.selectFrom('api_tokens').selectAll().execute();
      t.notOk(JSON.stringify(rows).includes(secret), 'api_tokens does not hold the token');
    }
    t.ok(await ts.store.tokens.verify(token));
    await cli(['token', 'revoke', listed[0].id, ...db]);
    t.equal(await ts.store.tokens.verify(token), undefined);
    await t.rejects(cli(['token', 'create', '--name', 'x', '--scopes', 'everything', ...db]), { code: 'token_invalid' });
  });

  t.test(`${backend}: a real scan process SIGKILLed mid-way is marked failed at the next start`, async (t) => {
    const ts = await makeStore(backend);
    t.teardown(ts.cleanup);
    const db = ['--db', ts.location];
    t.equal((await cli(['scan', '--inventory', v1(), '--bundle', bundle, ...db, '--target', 'shop', '--workers', '1'])).code, 0);
    const big = inventory(`big-${backend}`, Array.from({ length: 20_000 }, (_, i) => bucket(`bulk-${i}`, i % 2 === 0)));

    // The real CLI (what bin/parapet loads; the test runner's hooks on spawn break the extensionless bin).
    const child = spawn(process.execPath, [distModule('cli', 'main.js'), 'scan', '--inventory', big, '--bundle', bundle, ...db, '--target', 'shop', '--workers', '1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    let stderr = '';
    let gone = false;
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => ((gone = true), resolve(code))));
    // Kill it once it is writing the scan.
    let running: number | undefined;
    for (let i = 0; i < 2400 && running === undefined && !gone; i++) {
      const row = await ts.store.db
        .selectFrom('scans')
        .select('id')
        .where('status', '=', 'running')
        .where((eb) => eb.exists(eb.selectFrom('scan_resources').select('scan_id').whereRef('scan_resources.scan_id', '=', 'scans.id')))
        .executeTakeFirst();
      if (row) running = Number(row.id);
      else await sleep(25);
    }
    t.ok(running, `the child scan ${running} is running (${stderr})`);
    child.kill('SIGKILL');
    t.equal(await exited, null, 'killed by the signal');

    const after = await cli(['scan', '--inventory', v2(), '--bundle', bundle, ...db, '--target', 'shop', '--workers', '1']);
    t.equal(after.code, 0);
    const killed = await ts.store.scans.get(running!);
    t.match(killed, { status: 'failed', error: /ended without finishing the scan; marked failed at the next start/ });
    const latest = (await ts.store.scans.list({ limit: 1 }))[0]!;
    t.match(latest, { status: 'succeeded', target: 'shop' });
    t.same(await ts.store.findings.transitions({ scanId: running! }), [], 'the killed scan wrote no transition');
    const diff = await ts.store.findings.diff();
    t.same([diff.from, diff.to], [1, latest.id], 'the diff skips the failed scan');
    t.equal((await ts.store.findings.list({ active: true })).length, 1, 'only the new shop-logs finding is active');
  });
}
