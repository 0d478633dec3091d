import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadBundle } from '../bundle/load.js';
import type { LoadedBundle } from '../bundle/types.js';
import type { Outcome } from '../findings/types.js';
import { evaluateInventory, INVALID_RULE_ID, mentionsTypeIn } from './evaluate.js';
import { EvalPool, type EvalItem, type ItemResult } from './pool.js';
import { buildEvalTestBundle, TEST_HEADER, testResource as res } from './testing.js';

const NOW = 1717200000000000000n;
const work = mkdtempSync(join(tmpdir(), 'parapet-evaluate-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

let bundle: LoadedBundle;
t.before(async () => {
  bundle = await loadBundle(await buildEvalTestBundle(work));
});

function ndjson(name: string, lines: string[]): string {
  const path = join(work, name);
  writeFileSync(path, [JSON.stringify(TEST_HEADER), ...lines].join('\n') + '\n');
  return path;
}

async function run(inventory: string, extra: Partial<Parameters<typeof evaluateInventory>[0]> = {}) {
  const outcomes: Outcome[] = [];
  const summary = await evaluateInventory({ bundle, inventory, nowNs: NOW, threads: 1, onOutcome: (o) => void outcomes.push(o), ...extra });
  const find = (rule: string, resource: string) => outcomes.filter((o) => o.rule_id === rule && o.resource_id === resource);
  return { outcomes, summary, find };
}

const A = '111111111111';
const B = '222222222222';
// 2^64 + 1: no double holds it.
const HUGE = '18446744073709551617';

t.test('two passes: a resource-scope rule sees its own account facts, never another account\'s', async (t) => {
  const inv = ndjson('facts.ndjson', [
    // The buckets come before the fact: only a first pass can have it ready.
    JSON.stringify(res({ id: 'bucket-a', type: 'AWS::S3::Bucket', account: A, config: { Public: true } })),
    JSON.stringify(res({ id: 'bucket-b', type: 'AWS::S3::Bucket', account: B, config: { Public: true, Size: 7 } })),
    JSON.stringify(res({ id: 'bucket-a2', type: 'AWS::S3::Bucket', account: A, config: { Public: false } })),
    JSON.stringify(res({ id: `arn:aws:parapet:global:${A}:pab`, type: 'Parapet::S3::AccountPublicAccessBlock', account: A, region: 'global', config: { BlockAll: true } })),
  ]);
  const { find, summary } = await run(inv);
  t.match(find('aws.s3.bucket_public', 'bucket-a'), [{ status: 'PASS', account: A, severity: 'high' }], 'account A blocks public access: its fact reached the input');
  t.match(find('aws.s3.bucket_public', 'bucket-a2'), [{ status: 'PASS' }]);
  t.match(find('aws.s3.bucket_public', 'bucket-b'), [
    { status: 'FAIL', account: B, resource_type: 'AWS::S3::Bucket', region: 'us-east-1', message: 'bucket bucket-b is public', evidence: [{ fact_accounts: [], size: 7 }] },
  ], 'account B has no fact, and account A\'s did not leak into its input');
  t.equal(summary.resources, 4);
  t.equal(summary.evaluated, 3, 'three buckets went through their dispatch entrypoint');
});

t.test('pass 1 parses only records that may be facts, and still finds a fact whose type is spelled with escapes', async (t) => {
  const is = mentionsTypeIn(new Set(['Parapet::S3::AccountPublicAccessBlock', 'a/b']));
  t.ok(is('{"id":"x","type":"Parapet::S3::AccountPublicAccessBlock"}'));
  t.ok(is('{"id":"x", "type" :\t"a/b"}'), 'whitespace around the colon');
  t.notOk(is('{"config":{"type":"a/b-not"},"type":"AWS::S3::Bucket"}'), 'neither the nested nor the top-level type is a fact type');
  t.ok(is('{"config":{"type":"a/b"},"type":"AWS::S3::Bucket"}'), 'a nested match only costs a parse');
  t.ok(is('{"type":"a\\/b"}'), 'an escaped solidus in the value');
  t.ok(is('{"typ\\u0065":"x"}'), 'a \\u escape anywhere');

  const fact = JSON.stringify(res({ id: `arn:aws:parapet:global:${A}:pab`, type: 'Parapet::S3::AccountPublicAccessBlock', account: A, region: 'global', config: { BlockAll: true } }));
  const escaped = fact.replace('"type":"Parapet', '"\\u0074ype":"Parapet');
  t.not(escaped, fact);
  const inv = ndjson('escaped-fact.ndjson', [
    JSON.stringify(res({ id: 'bucket-a', type: 'AWS::S3::Bucket', account: A, config: { Public: true } })),
    escaped,
    '{"truncated": ',
  ]);
  const { find, summary } = await run(inv);
  t.match(find('aws.s3.bucket_public', 'bucket-a'), [{ status: 'PASS' }], 'the escaped fact reached the bucket\'s input');
  t.equal(summary.resources, 2, 'valid resources are counted in pass 2');
  t.equal(summary.invalidCount, 1);
});

t.test('account-scope rules: one FAIL per named resource, a PASS for an account with nothing denied', async (t) => {
  const inv = ndjson('account.ndjson', [
    JSON.stringify(res({ id: 'user-1', type: 'AWS::IAM::User', account: A, region: 'global', config: { MFA: false } })),
    JSON.stringify(res({ id: 'user-2', type: 'AWS::IAM::User', account: A, region: 'global', config: {} })),
    JSON.stringify(res({ id: 'user-3', type: 'AWS::IAM::User', account: A, region: 'global', config: { MFA: true } })),
    JSON.stringify(res({ id: 'user-4', type: 'AWS::IAM::User', account: B, region: 'global', config: { MFA: true } })),
  ]);
  const { outcomes, find } = await run(inv);
  const mfa = outcomes.filter((o) => o.rule_id === 'aws.iam.user_mfa');
  t.equal(mfa.length, 3, 'two FAILs in account A, one PASS for account B');
  t.match(find('aws.iam.user_mfa', 'user-1'), [{ status: 'FAIL', resource_type: 'AWS::IAM::User', account: A, region: 'global', message: `user user-1 in account ${A} has no MFA`, evidence: [{ mfa: false, users_in_account: 3 }] }]);
  t.match(find('aws.iam.user_mfa', 'user-2'), [{ status: 'FAIL' }]);
  t.same(find('aws.iam.user_mfa', `aws:account:${B}`), [
    { rule_id: 'aws.iam.user_mfa', provider: 'aws', account: B, severity: 'medium', resource_id: `aws:account:${B}`, resource_type: 'account', region: 'global', status: 'PASS' },
  ]);
  t.same(find('aws.iam.user_mfa', `aws:account:${A}`), [], 'an account with failures gets no account PASS');
});

t.test('a runaway rule yields ERROR for its resource only; the run goes on', async (t) => {
  const inv = ndjson('runaway.ndjson', [
    JSON.stringify(res({ id: 'i-ok', type: 'AWS::EC2::Instance', tags: { owner: 'ops' } })),
    JSON.stringify(res({ id: 'i-spin', type: 'AWS::EC2::Instance', config: { spin: true } })),
    JSON.stringify(res({ id: 'i-untagged', type: 'AWS::EC2::Instance' })),
    JSON.stringify(res({ id: 'bucket-after', type: 'AWS::S3::Bucket', config: { Public: true } })),
  ]);
  const started = Date.now();
  const { find, summary } = await run(inv, { batchTimeoutMs: 4000, itemTimeoutMs: 4000 });
  t.ok(Date.now() - started < 45_000, 'bounded by the deadlines');
  // Whichever bound the spinning rule meets first ends it: the deadline on a loaded
  // machine, the wasm memory cap on an idle one. Either way it is this resource's ERROR
  // alone: the three instances share a batch item, which fails and is re-run one a call.
  t.match(find('aws.ec2.instance_tagged', 'i-spin'), [{ status: 'ERROR', error: /time limit of 4000 ms|wasm memory limit reached/ }]);
  t.match(find('aws.ec2.instance_tagged', 'i-ok'), [{ status: 'PASS' }]);
  t.match(find('aws.ec2.instance_tagged', 'i-untagged'), [{ status: 'FAIL', message: 'instance i-untagged has no owner tag' }]);
  t.match(find('aws.s3.bucket_public', 'bucket-after'), [{ status: 'FAIL' }], 'resources after the runaway are evaluated');
  t.equal(summary.rollup.totals.ERROR, 1, 'ERROR is counted apart, never as PASS or FAIL');
  const control = summary.rollup.frameworks[0].controls.find((c) => c.id === '2');
  t.match(control, { status: 'failed', pass: 1, fail: 1, error: 1 });
});

t.test('invalid and truncated records are ERROR outcomes with their line; uncovered types yield nothing', async (t) => {
  const missingConfig = res({ id: 'bucket-bad', type: 'AWS::S3::Bucket', account: A });
  delete missingConfig.config;
  const inv = ndjson('invalid.ndjson', [
    JSON.stringify(res({ id: 'fn-1', type: 'AWS::Lambda::Function' })),
    JSON.stringify(missingConfig),
    JSON.stringify(res({ id: 'bucket-ok', type: 'AWS::S3::Bucket' })),
    '{"id": "bucket-trunc", "provider": "aws", "type": "AWS::S3::Buck',
  ]);
  const { outcomes, summary } = await run(inv);
  t.same(outcomes.filter((o) => o.resource_id === 'fn-1'), [], 'no rule covers AWS::Lambda::Function: no outcome');
  const invalid = outcomes.filter((o) => o.rule_id === INVALID_RULE_ID);
  t.match(invalid, [
    { status: 'ERROR', resource_id: 'bucket-bad', resource_type: 'AWS::S3::Bucket', account: A, error: /inventory record 3 fails the schema: .*required property 'config'/ },
    { status: 'ERROR', resource_id: 'inventory:line:5', resource_type: 'unknown', error: /line 5 is not valid JSON \(truncated or malformed\)/ },
  ]);
  t.equal(invalid.length, 2);
  t.equal(summary.invalidCount, 2);
  t.match(summary.invalid, [{ line: 3, id: 'bucket-bad' }, { line: 5 }]);
  t.match(outcomes.filter((o) => o.resource_id === 'bucket-ok'), [{ status: 'PASS' }]);
});

t.test('integers beyond 2^53 reach the rule and the evidence exact (as decimal strings), NDJSON and JSON alike', async (t) => {
  const bucket = `{"id":"bucket-huge","provider":"aws","type":"AWS::S3::Bucket","account":"${A}","region":"us-east-1","name":"bucket-huge","tags":{},"config":{"Public":true,"Size":${HUGE}}}`;
  const inv = ndjson('huge.ndjson', [bucket]);
  const { find } = await run(inv);
  t.match(find('aws.s3.bucket_public', 'bucket-huge'), [{ status: 'FAIL', evidence: [{ size: HUGE }] }]);
  const doc = join(work, 'huge.json');
  writeFileSync(doc, `{"version":"parapet.inventory/v1","generated_at":"2024-06-01T00:00:00Z","sources":[],"resources":[\n${bucket}\n]}`);
  t.match((await run(doc)).find('aws.s3.bucket_public', 'bucket-huge'), [{ status: 'FAIL', evidence: [{ size: HUGE }] }]);
});

t.test('resources of one type and account go through the batch entrypoint together, with the outcomes one call each gives', async (t) => {
  const inv = ndjson('batch.ndjson', [
    ...[1, 2, 3].map((i) => JSON.stringify(res({ id: `bucket-a${i}`, type: 'AWS::S3::Bucket', account: A, config: { Public: i !== 2, Size: i } }))),
    JSON.stringify(res({ id: `arn:aws:parapet:global:${A}:pab`, type: 'Parapet::S3::AccountPublicAccessBlock', account: A, region: 'global', config: { BlockAll: false } })),
    ...[1, 2].map((i) => JSON.stringify(res({ id: `bucket-b${i}`, type: 'AWS::S3::Bucket', account: B, config: { Public: true } }))),
    JSON.stringify(res({ id: 'i-alone', type: 'AWS::EC2::Instance', account: B })),
  ]);
  const submitted: EvalItem[] = [];
  class RecordingPool extends EvalPool {
    override async evaluateText(items: EvalItem[], nowNs: bigint): Promise<ItemResult[]> {
      submitted.push(...items);
      return super.evaluateText(items, nowNs);
    }
  }
  const pool = new RecordingPool({ key: bundle.digest, wasm: bundle.wasm, data: bundle.data }, { threads: 1 });
  t.teardown(() => pool.close());
  const batched = await run(inv, { pool });
  const batchEntrypoint = bundle.parapet.dispatch.batch!['AWS::S3::Bucket']!;
  t.same(
    submitted.filter((i) => i.entrypoint === batchEntrypoint).map((i) => (JSON.parse(i.input) as { resources: Array<{ id: string }> }).resources.map((r) => r.id)),
    [['bucket-a1', 'bucket-a2', 'bucket-a3'], ['bucket-b1', 'bucket-b2']],
    'one batch item per account, its resources in order',
  );
  t.ok(submitted.some((i) => i.entrypoint === bundle.parapet.dispatch.resource['AWS::EC2::Instance']), 'a resource alone in its group goes one a call');

  // A bundle built before batch entrypoints existed: every resource one a call, the same outcomes.
  const older = { ...bundle, parapet: { ...bundle.parapet, dispatch: { resource: bundle.parapet.dispatch.resource, account: bundle.parapet.dispatch.account } } };
  const outcomes: Outcome[] = [];
  await evaluateInventory({ bundle: older, inventory: inv, nowNs: NOW, threads: 1, onOutcome: (o) => void outcomes.push(o) });
  t.same(batched.outcomes, outcomes, 'batched and one-a-call outcomes are identical, in the same order');
  t.match(batched.find('aws.s3.bucket_public', 'bucket-a2'), [{ status: 'PASS' }]);
  t.match(batched.find('aws.s3.bucket_public', 'bucket-a3'), [{ status: 'FAIL', evidence: [{ size: 3 }] }]);
});

/** A real pool that records how many items are submitted and not yet answered. */
class CountingPool extends EvalPool {
  outstanding = 0;
  maxOutstanding = 0;
  override async evaluateText(items: EvalItem[], nowNs: bigint): Promise<ItemResult[]> {
    this.outstanding += items.length;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    try {
      return await super.evaluateText(items, nowNs);
    } finally {
      this.outstanding -= items.length;
    }
  }
}

t.test('50,000 resources stream: items in flight stay within the batch window and the heap does not grow with the estate', async (t) => {
  const n = 50_000;
  const path = join(work, 'large.ndjson');
  const out = createWriteStream(path);
  out.write(JSON.stringify(TEST_HEADER) + '\n');
  for (let i = 0; i < n; i++) {
    const line = JSON.stringify(res({ id: `i-${i}`, type: 'AWS::EC2::Instance', tags: i % 2 ? { owner: 'ops' } : {}, config: { pad: 'x'.repeat(200) } })) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const batchSize = 64;
  const pool = new CountingPool({ key: bundle.digest, wasm: bundle.wasm, data: bundle.data }, { threads: 1 });
  t.teardown(() => pool.close());
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const samples: Array<{ done: number; heap: number }> = [];
  let nextSample = 5_000;
  const counts = { PASS: 0, FAIL: 0, ERROR: 0 };
  const before = heap();
  const summary = await evaluateInventory({
    bundle, inventory: path, nowNs: NOW, pool, batchSize,
    onOutcome: (o) => void (o.rule_id === 'aws.ec2.instance_tagged' && counts[o.status]++),
    onProgress: (p) => {
      if (p.done >= nextSample) {
        nextSample += 10_000;
        samples.push({ done: p.done, heap: heap() });
      }
    },
  });
  t.same(counts, { PASS: n / 2, FAIL: n / 2, ERROR: 0 });
  t.equal(summary.evaluated, n);
  const window = batchSize * pool.threads * 2;
  t.ok(pool.maxOutstanding <= window, `at most ${window} items in flight (saw ${pool.maxOutstanding})`);
  t.ok(samples.length >= 4, 'heap sampled during the run');
  // The estate is ~15 MB of JSON; holding it (parsed, it would be several times that) would show.
  const growth = Math.max(...samples.map((s) => s.heap)) - before;
  t.ok(growth < 12 * 1024 * 1024, `heap growth during the run ${(growth / 1e6).toFixed(1)} MB stays small`);
  const first = samples[0].heap;
  const last = samples[samples.length - 1].heap;
  t.ok(last - first < 6 * 1024 * 1024, `heap at ${samples[0].done} vs ${samples[samples.length - 1].done} resources: +${((last - first) / 1e6).toFixed(1)} MB`);
});
