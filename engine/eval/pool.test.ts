import t from 'tap';
import { rmSync } from 'node:fs';
import { EvalPool, type PoolBundle } from './pool.js';
import { buildWasm, writeRego } from './testing.js';

const REGO = (version: string) => `package p

deny contains msg if {
  input.resource.bad
  msg := sprintf("%s is bad", [input.resource.id])
}

version := "${version}"

# Loops ~1e10 times: a runaway that only the wall-time bound stops. One range, built
# once, and comparisons that allocate nothing (opa-wasm frees nothing during an
# evaluation: arithmetic here would hit the wasm memory cap first on a fast machine).
spin if {
  input.spin
  r := numbers.range(1, 100000)
  some i in r
  some j in r
  j < 0
  i < 0
}

now := time.now_ns()

# Materialises a million-element array: more than a small wasm memory allows.
hog := count([x | some x in numbers.range(1, 1000000)]) if input.hog
`;

async function bundle(version: string): Promise<PoolBundle> {
  const dir = writeRego({ 'p.rego': REGO(version) });
  try {
    const wasm = await buildWasm([dir], ['p/deny', 'p/version', 'p/spin', 'p/hog', 'p/now']);
    return { key: `test-${version}`, wasm, data: {} };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NOW = 1718000000000000000n;

t.test('pool', async (t) => {
  const [v1, v2] = await Promise.all([bundle('1'), bundle('2')]);

  t.test('evaluates batches in order, one result per item', async (t) => {
    const pool = new EvalPool(v1, { threads: 2 });
    t.teardown(() => pool.close());
    const items = Array.from({ length: 300 }, (_, i) => ({
      entrypoint: 'p/deny',
      input: JSON.stringify({ resource: { id: `r${i}`, bad: i % 3 === 0 } }),
    }));
    const batches = [items.slice(0, 128), items.slice(128, 256), items.slice(256)];
    const results = (await Promise.all(batches.map((b) => pool.evaluate(b, NOW)))).flat();
    t.equal(results.length, 300);
    results.forEach((r, i) => {
      if (!r.ok) return t.fail(r.error);
      const expected = i % 3 === 0 ? [`r${i} is bad`] : [];
      if (JSON.stringify(r.value) !== JSON.stringify([{ result: expected }])) t.fail(`item ${i}: ${JSON.stringify(r.value)}`);
    });
    t.equal(results.filter((r) => r.ok).length, 300);
  });

  t.test('a runaway item ends its worker, gets an error alone, and the run goes on', async (t) => {
    // Deadlines leave room for a replacement worker to start on a loaded machine.
    // Iterating allocates too (opa-wasm frees nothing mid-evaluation): a 4 GiB memory cap
    // keeps the wasm memory bound far away, so only the deadline can stop the spin here.
    const pool = new EvalPool(v1, { threads: 2, batchTimeoutMs: 4000, itemTimeoutMs: 4000, maxMemoryPages: 65536 });
    t.teardown(() => pool.close());
    const items = [0, 1, 2, 3].map((i) => ({ entrypoint: i === 2 ? 'p/spin' : 'p/deny', input: JSON.stringify({ spin: true, resource: { id: `r${i}`, bad: true } }) }));
    const started = Date.now();
    const results = await pool.evaluate(items, NOW);
    t.ok(Date.now() - started < 45_000, 'bounded by the deadlines');
    t.match(results[2], { ok: false, error: /time limit of 4000 ms/ });
    for (const i of [0, 1, 3]) t.same(results[i], { ok: true, value: [{ result: [`r${i} is bad`] }] }, `item ${i} still evaluated`);
    t.ok(pool.workersReplaced >= 2, 'the batch worker and the culprit worker were ended');
    const after = await pool.evaluate([{ entrypoint: 'p/version', input: '{}' }], NOW);
    t.same(after, [{ ok: true, value: [{ result: '1' }] }], 'replacement workers serve');
  });

  t.test('input size and wasm memory are bounded', async (t) => {
    const pool = new EvalPool(v1, { threads: 1, maxInputBytes: 1000, maxMemoryPages: 64 });
    t.teardown(() => pool.close());
    const big = JSON.stringify({ resource: { id: 'x', pad: 'a'.repeat(2000) } });
    const results = await pool.evaluate(
      [
        { entrypoint: 'p/deny', input: big },
        { entrypoint: 'p/hog', input: '{"hog": true}' },
        { entrypoint: 'p/deny', input: '{"resource": {"id": "ok", "bad": true}}' },
      ],
      NOW,
    );
    t.match(results[0], { ok: false, error: /exceeds the limit of 1000 bytes/ });
    t.match(results[1], { ok: false, error: /memory/ });
    t.same(results[2], { ok: true, value: [{ result: ['ok is bad'] }] }, 'the instance still works after a memory failure');
  });

  t.test('swap under load: in-flight tasks finish on the old bundle, none fails', async (t) => {
    const pool = new EvalPool(v1, { threads: 2 });
    t.teardown(() => pool.close());
    const batch = Array.from({ length: 64 }, () => ({ entrypoint: 'p/version', input: '{}' }));
    const before = Array.from({ length: 20 }, () => pool.evaluate(batch, NOW));
    pool.swap(v2);
    const after = Array.from({ length: 20 }, () => pool.evaluate(batch, NOW));
    const versions = async (ps: Array<Promise<Array<{ ok: boolean; value?: unknown }>>>) =>
      (await Promise.all(ps)).flat().map((r) => (r.ok ? (r.value as Array<{ result: string }>)[0].result : 'FAILED'));
    const oldResults = await versions(before);
    const newResults = await versions(after);
    t.same(new Set(oldResults), new Set(['1']), 'submitted before the swap: old bundle');
    t.same(new Set(newResults), new Set(['2']), 'submitted after the swap: new bundle');
    t.equal(pool.workersReplaced, 0);
  });

  t.test('evaluateEntrypoint returns the raw wasm result set', async (t) => {
    const pool = new EvalPool(v2, { threads: 1 });
    t.teardown(() => pool.close());
    t.equal(await pool.evaluateEntrypoint('p/version', {}), '[{"result":"2"}]');
    await t.rejects(pool.evaluateEntrypoint('p/nope', {}), { code: 'eval_failed' });
  });

  t.test('concurrent decisions share tasks, each with its own input and time', async (t) => {
    const pool = new EvalPool(v1, { threads: 1 });
    t.teardown(() => pool.close());
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? pool.evaluateEntrypoint('p/now', {}, BigInt(1000 + i)) : pool.evaluateEntrypoint('p/deny', { resource: { id: `r${i}`, bad: true } }))),
    );
    answers.forEach((a, i) => t.equal(a, i % 2 ? `[{"result":${1000 + i}}]` : `[{"result":["r${i} is bad"]}]`, `decision ${i}`));
    t.equal(pool.workersReplaced, 0);
  });
});
