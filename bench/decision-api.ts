/**
 * Decision API: autocannon against Parapet's decision service and against
 * `opa run --server` on the same bundle with the same inputs, at fixed
 * concurrency levels; Fastify's empty route is the HTTP ceiling.
 *   node dist/bench/decision-api.js [--duration 5] [--connections 1,16,64]
 * Scenarios: a small admission-style decision (bench/policies/admission) and a CIS
 * S3 rule set on a realistic AWS Config item (bench/inputs/cis-s3-bucket.json,
 * from the example estate). OPA runs twice: on the wasm bundle (OPA answers the
 * manifest's entrypoints with its own wasm engine) and on a Rego-only copy (its
 * topdown evaluator). Every server's answer is checked equal to Parapet's first.
 */
import { readFileSync } from 'node:fs';
import autocannon, { type Result } from 'autocannon';
import { readArchive } from '../engine/bundle/archive.js';
import { fromRoot } from '../common/paths.js';
import { isMain, load1, log, machine, numberList, parseFlags, ratio, round, saveResult, table } from './common.js';
import { buildBenchBundle, regoOnlyCopy } from './bundles.js';
import { startEmptyFastify, startOpa, startParapet, type RunningServer } from './servers.js';

export interface Point {
  server: string;
  scenario: string;
  connections: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non2xx: number;
  load1: number;
}

interface Scenario {
  name: string;
  path: string;
  body: string;
}

async function scenarios(bundle: string): Promise<Scenario[]> {
  const archive = await readArchive(bundle, { source: bundle });
  const manifest = JSON.parse(archive.entries.find((e) => e.path === '.manifest')!.data.toString('utf8')) as {
    metadata: { parapet: { dispatch: { resource: Record<string, string> } } };
  };
  const s3 = manifest.metadata.parapet.dispatch.resource['AWS::S3::Bucket'];
  if (!s3) throw new Error('the decision bundle has no S3 dispatch entrypoint');
  return [
    { name: 'admission', path: '/v1/data/parapet/bench/admission/decision', body: readFileSync(fromRoot('bench', 'inputs', 'admission.json'), 'utf8') },
    { name: 'cis-s3', path: `/v1/data/${s3}`, body: readFileSync(fromRoot('bench', 'inputs', 'cis-s3-bucket.json'), 'utf8') },
  ];
}

/** JSON with sets (arrays) in a canonical order, to compare answers that differ only in set order. */
function canonical(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm).map((x) => JSON.stringify(x)).sort();
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(norm(value));
}

async function answer(server: RunningServer, s: Scenario): Promise<unknown> {
  const res = await fetch(server.url + s.path, { method: 'POST', headers: server.headers, body: s.body });
  const body = (await res.json()) as { result?: unknown };
  if (!res.ok) throw new Error(`${server.name} ${s.path}: ${res.status} ${JSON.stringify(body)}`);
  return body.result;
}

export async function load(server: RunningServer, path: string, body: string, connections: number, duration: number): Promise<Result> {
  return autocannon({ url: server.url + path, method: 'POST', headers: server.headers, body, connections, duration, timeout: 30 });
}

async function measurePoints(server: RunningServer, list: Scenario[], connections: number[], duration: number, points: Point[]) {
  for (const s of list) {
    // Warm-up: JIT, connection pools, wasm instances in every worker.
    await load(server, s.path, s.body, Math.max(...connections), Math.min(2, duration));
    for (const c of connections) {
      const r = await load(server, s.path, s.body, c, duration);
      const p: Point = {
        server: server.name, scenario: s.name, connections: c,
        rps: round(r['2xx'] / r.duration),
        p50_ms: r.latency.p50, p99_ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, load1: load1(),
      };
      points.push(p);
      log(`${server.name} ${s.name} c=${c}: ${p.rps} req/s p50 ${p.p50_ms} ms p99 ${p.p99_ms} ms errors ${p.errors} non2xx ${p.non2xx}`);
    }
  }
}

export async function runDecisionApi(options: { duration?: number; connections?: number[] } = {}) {
  const duration = options.duration ?? 5;
  const connections = options.connections ?? [1, 16, 64];
  log('building the decision bundle');
  const bundle = await buildBenchBundle(fromRoot('bench', 'bundles', 'decision-bench.json'));
  const regoOnly = await regoOnlyCopy(bundle);
  const list = await scenarios(bundle);
  const points: Point[] = [];
  let reference: Map<string, string> | undefined;

  const check = async (server: RunningServer) => {
    const answers = new Map<string, string>();
    for (const s of list) answers.set(s.name, canonical(await answer(server, s)));
    if (!reference) reference = answers;
    for (const [name, a] of answers) if (reference.get(name) !== a) throw new Error(`${server.name} answers ${name} differently from Parapet:\n${a}\n${reference.get(name)}`);
  };

  const parapet = await startParapet();
  try {
    await parapet.publish(bundle);
    await check(parapet);
    await measurePoints(parapet, list, connections, duration, points);
  } finally {
    await parapet.stop();
  }
  for (const [name, file] of [['opa-wasm', bundle], ['opa-rego', regoOnly]] as const) {
    const opa = await startOpa(file, name);
    try {
      await check(opa);
      await measurePoints(opa, list, connections, duration, points);
    } finally {
      await opa.stop();
    }
  }
  const empty = await startEmptyFastify();
  try {
    await load(empty, '/', '{"input":{}}', Math.max(...connections), Math.min(2, duration));
    for (const c of connections) {
      const r = await load(empty, '/', list[0]!.body, c, duration);
      points.push({ server: 'fastify-empty', scenario: 'empty route', connections: c, rps: round(r['2xx'] / r.duration), p50_ms: r.latency.p50, p99_ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, load1: load1() });
    }
  } finally {
    await empty.stop();
  }
  return { duration_s: duration, points, comparisons: compare(points) };
}

export interface Comparison {
  scenario: string;
  connections: number;
  parapet_rps: number;
  opa_wasm_rps: number | null;
  opa_rego_rps: number | null;
  ratio_vs_opa_wasm: number | null;
  ratio_vs_opa_rego: number | null;
  parapet_p99_ms: number;
  opa_wasm_p99_ms: number | null;
  opa_rego_p99_ms: number | null;
}

function compare(points: Point[]): Comparison[] {
  const find = (server: string, scenario: string, c: number) => points.find((p) => p.server === server && p.scenario === scenario && p.connections === c);
  return points
    .filter((p) => p.server === 'parapet')
    .map((p) => {
      const w = find('opa-wasm', p.scenario, p.connections);
      const r = find('opa-rego', p.scenario, p.connections);
      return {
        scenario: p.scenario, connections: p.connections, parapet_rps: p.rps,
        opa_wasm_rps: w?.rps ?? null, opa_rego_rps: r?.rps ?? null,
        ratio_vs_opa_wasm: w ? ratio(p.rps, w.rps) : null, ratio_vs_opa_rego: r ? ratio(p.rps, r.rps) : null,
        parapet_p99_ms: p.p99_ms, opa_wasm_p99_ms: w?.p99_ms ?? null, opa_rego_p99_ms: r?.p99_ms ?? null,
      };
    });
}

export function printDecisionApi(result: Awaited<ReturnType<typeof runDecisionApi>>): string {
  return (
    table(['server', 'scenario', 'conns', 'decisions/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'load1'], result.points.map((p) => [p.server, p.scenario, p.connections, p.rps, p.p50_ms, p.p99_ms, p.errors, p.non2xx, p.load1])) +
    '\n' +
    table(
      ['scenario', 'conns', 'parapet/s', 'opa-wasm/s', 'opa-rego/s', '× opa-wasm', '× opa-rego', 'p99 parapet', 'p99 opa-wasm', 'p99 opa-rego'],
      result.comparisons.map((c) => [c.scenario, c.connections, c.parapet_rps, c.opa_wasm_rps, c.opa_rego_rps, c.ratio_vs_opa_wasm, c.ratio_vs_opa_rego, c.parapet_p99_ms, c.opa_wasm_p99_ms, c.opa_rego_p99_ms]),
    )
  );
}

if (isMain(import.meta.url)) {
  const flags = parseFlags();
  const result = { machine: machine(), ...(await runDecisionApi({ duration: flags.has('duration') ? Number(flags.get('duration')) : undefined, connections: flags.has('connections') ? numberList(flags.get('connections'), []) : undefined })) };
  process.stdout.write(printDecisionApi(result));
  log(`results in ${saveResult('decision-api', result)}`);
}
