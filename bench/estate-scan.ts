/**
 * Estate scan: `parapet eval` with the `all` bundle against `opa eval` with the same
 * Rego and the same resources, on generated estates (bench/estate-generator.ts).
 *   node dist/bench/estate-scan.js [--sizes 10k,100k,1m] [--opa-chunk 25000] [--opa-max 1m] [--keep]
 *
 * Parapet: one child process, `parapet eval --bundle all --inventory estate.ndjson`,
 * timed with its peak RSS (GNU time) and CPU time.
 * OPA, in its fastest batch form: the estate converted (untimed, in OPA's favour)
 * into data files of whole accounts, `--opa-chunk` resources each, with the inputs'
 * parts (resources, each account's fact resources, each account's resources for the
 * account-scope rules); one `opa eval` per file over the Rego-only `all` bundle,
 * with a query module that builds for every resource exactly the input Parapet
 * gives it and evaluates the same dispatch rules (`with input as`), one process a
 * core in parallel. Peak RSS is the largest single process's, CPU the sum.
 * Both report the (rule, resource) pairs that fail; the run checks they agree.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Resource } from '../collectors/schema/inventory.js';
import { openInventory } from '../collectors/schema/read.js';
import { opaBinary } from '../common/opa.js';
import { distModule, fromRoot } from '../common/paths.js';
import { loadBundle } from '../engine/bundle/load.js';
import type { LoadedBundle } from '../engine/bundle/types.js';
import { allBundle, regoOnlyCopy } from './bundles.js';
import { isMain, load1, log, machine, measure, numberList, parseFlags, ratio, round, saveResult, table } from './common.js';
import { generateEstate, GENERATED_AT, loadTemplates, NOW_NS } from './estate-generator.js';

const NOW = GENERATED_AT;

/**
 * The query OPA evaluates over one data file: Parapet's inputs, built in Rego, through
 * the same dispatch rules, at the instant Parapet is given (`--now`): rules on key and
 * certificate ages would otherwise judge the two runs at different times.
 */
const SCAN_MODULE = `package parapet_bench_scan

resource_results := [[res.id, r] |
	some res in data.estate.resources
	key := data.estate.meta.resource_key[res.type]
	mates := object.get(data.estate.facts, [res.provider, res.account], {})
	facts := {t: object.get(mates, t, []) | some t in data.estate.meta.fact_types[res.type]}
	r := data.parapet.dispatch.resource[key].results with input as {"resource": res, "facts": facts} with time.now_ns as ${NOW_NS}
]

account_results := [r |
	some acct in data.estate.accounts
	r := data.parapet.dispatch.account[acct.account.provider].results with input as acct with time.now_ns as ${NOW_NS}
]

# (rule, resource) pairs that fail, counted as Parapet counts FAIL outcomes.
resource_failed := count([1 | some pair in resource_results; some _, entries in pair[1]; count(entries) > 0])

account_failed := count({[acct_i, rule, object.get(e, "resource", "account")] |
	some acct_i, r in account_results
	some rule, entries in r
	some e in entries
})

failed := resource_failed + account_failed
`;

interface Shape {
  factTypesOf: Map<string, string[]>;
  accountTypes: Map<string, string[]>;
  resourceKey: Record<string, string>;
}

function shape(bundle: LoadedBundle): Shape {
  const factTypesOf = new Map<string, Set<string>>();
  const accountTypes = new Map<string, Set<string>>();
  for (const rule of bundle.parapet.rules) {
    if (rule.scope === 'resource') {
      for (const type of rule.resource_types) {
        const s = factTypesOf.get(type) ?? new Set<string>();
        rule.facts.forEach((f) => s.add(f));
        factTypesOf.set(type, s);
      }
    } else {
      const p = rule.id.split('.')[0]!;
      const provider = p === 'gcp' || p === 'azure' ? p : 'aws';
      const s = accountTypes.get(provider) ?? new Set<string>();
      [...rule.resource_types, ...rule.facts].forEach((t) => s.add(t));
      accountTypes.set(provider, s);
    }
  }
  const resourceKey: Record<string, string> = {};
  for (const [type, entrypoint] of Object.entries(bundle.parapet.dispatch.resource)) resourceKey[type] = entrypoint.split('/')[3]!;
  const sorted = (m: Map<string, Set<string>>) => new Map([...m].map(([k, v]) => [k, [...v].sort()]));
  return { factTypesOf: sorted(factTypesOf), accountTypes: sorted(accountTypes), resourceKey };
}

/** Splits an inventory into OPA data files of whole accounts (~`chunk` resources each). Returns their paths. */
async function toOpaData(inventory: string, bundle: LoadedBundle, dir: string, chunk: number): Promise<string[]> {
  const s = shape(bundle);
  const allFactTypes = new Set([...s.factTypesOf.values()].flat());
  // Pass 1: the account mates (as Parapet's evaluator keeps them) and the resources each account has.
  const mates = new Map<string, Map<string, Resource[]>>();
  const order: string[] = [];
  const sizes = new Map<string, number>();
  for await (const item of (await openInventory(inventory)).items) {
    if (item.kind !== 'resource') continue;
    const r = item.resource;
    const key = `${r.provider}\u0000${r.account}`;
    if (!sizes.has(key)) order.push(key);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
    if (allFactTypes.has(r.type) || s.accountTypes.get(r.provider)?.includes(r.type)) {
      const byType = mates.get(key) ?? new Map<string, Resource[]>();
      mates.set(key, byType);
      byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
    }
  }
  // Accounts to files, in order of first appearance.
  const fileOf = new Map<string, number>();
  let file = 0;
  let filled = 0;
  for (const key of order) {
    if (filled > 0 && filled + sizes.get(key)! > chunk) {
      file++;
      filled = 0;
    }
    fileOf.set(key, file);
    filled += sizes.get(key)!;
  }
  const meta = { resource_key: s.resourceKey, fact_types: Object.fromEntries(s.factTypesOf) };
  const paths: string[] = [];
  const writers = Array.from({ length: file + 1 }, (_, i) => {
    const path = join(dir, `estate-${String(i).padStart(4, '0')}.json`);
    paths.push(path);
    return { path, out: createWriteStream(path), first: true, keys: [] as string[] };
  });
  for (const [key, i] of fileOf) writers[i]!.keys.push(key);
  for (const w of writers) w.out.write('{"estate":{"resources":[');
  // Pass 2: resources to the file of their account.
  for await (const item of (await openInventory(inventory)).items) {
    if (item.kind !== 'resource' || !s.resourceKey[item.resource.type]) continue;
    const r = item.resource;
    const w = writers[fileOf.get(`${r.provider}\u0000${r.account}`)!]!;
    if (!w.out.write((w.first ? '' : ',\n') + JSON.stringify(r))) await once(w.out, 'drain');
    w.first = false;
  }
  for (const w of writers) {
    const facts: Record<string, Record<string, Record<string, Resource[]>>> = {};
    const accounts: unknown[] = [];
    for (const key of w.keys) {
      const [provider, account] = key.split('\u0000') as [string, string];
      const byType = mates.get(key);
      const wanted = new Set(allFactTypes);
      (facts[provider] ??= {})[account] = Object.fromEntries([...(byType ?? [])].filter(([t]) => wanted.has(t)));
      if (bundle.parapet.dispatch.account[provider as 'aws']) {
        const resources = Object.fromEntries((s.accountTypes.get(provider) ?? []).map((t) => [t, byType?.get(t) ?? []]));
        accounts.push({ account: { provider, id: account }, resources });
      }
    }
    w.out.write(`],\n"facts":${JSON.stringify(facts)},\n"accounts":${JSON.stringify(accounts)},\n"meta":${JSON.stringify(meta)}}}\n`);
    w.out.end();
    await once(w.out, 'finish');
  }
  return paths;
}

interface ScanFigures {
  seconds: number;
  cpu_seconds: number;
  peak_rss_mib: number;
  resources_per_s: number;
  us_per_resource: number;
  failed: number | null;
  load1: number;
  /** CPU per resource once start-up (measured on 100 resources) is taken away: flat as the estate grows means linear. */
  cpu_us_per_resource_after_startup?: number;
  note?: string;
}

async function runParapet(inventory: string, bundle: string, n: number): Promise<ScanFigures> {
  const load = load1();
  const m = await measure(process.execPath, [distModule('cli', 'main.js'), 'eval', '--bundle', bundle, '--inventory', inventory, '--now', NOW]);
  if (m.code !== 0 && m.code !== 1) throw new Error(`parapet eval exited ${m.code}: ${m.stderr}`);
  const outcomes = /Outcomes: (\d+) passed, (\d+) failed, (\d+) errors/.exec(m.stdout);
  if (outcomes && Number(outcomes[3]) > 0) log(`parapet reported ${outcomes[3]} ERROR outcomes`);
  return figures(m.seconds, m.cpuSeconds, m.peakRssMiB, n, outcomes ? Number(outcomes[2]) : null, load);
}

function figures(seconds: number, cpu: number, rss: number, n: number, failed: number | null, load: number, note?: string): ScanFigures {
  return { seconds: round(seconds, 2), cpu_seconds: round(cpu, 2), peak_rss_mib: rss, resources_per_s: round(n / seconds), us_per_resource: round((seconds * 1e6) / n, 1), failed, load1: round((load + load1()) / 2, 2), ...(note ? { note } : {}) };
}

async function runOpa(inventory: string, bundle: LoadedBundle, regoBundle: string, n: number, chunk: number): Promise<ScanFigures> {
  const work = mkdtempSync(join(tmpdir(), 'parapet-bench-opa-'));
  try {
    const files = await toOpaData(inventory, bundle, work, chunk);
    const module = join(work, 'scan.rego');
    writeFileSync(module, SCAN_MODULE);
    const load = load1();
    const started = process.hrtime.bigint();
    let next = 0;
    let failed = 0;
    let cpu = 0;
    let peak = 0;
    const worker = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        const m = await measure(opaBinary(), ['eval', '--format', 'json', '-b', regoBundle, '-d', file, '-d', module, 'data.parapet_bench_scan.failed']);
        if (m.code !== 0) throw new Error(`opa eval exited ${m.code}: ${m.stderr.slice(0, 2000)}`);
        failed += (JSON.parse(m.stdout) as { result: Array<{ expressions: Array<{ value: number }> }> }).result[0]!.expressions[0]!.value;
        cpu += m.cpuSeconds;
        peak = Math.max(peak, m.peakRssMiB);
      }
    };
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), files.length) }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return figures(seconds, cpu, peak, n, failed, load, `${files.length} data file(s) of ≤${chunk} resources, ${Math.min(availableParallelism(), files.length)} opa processes at a time`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface ScanPoint {
  resources: number;
  parapet: ScanFigures;
  opa: ScanFigures | null;
  ratio_throughput: number | null;
  ratio_cpu: number | null;
  failed_agree: boolean | null;
}

/** What `parapet eval` costs with next to nothing to evaluate (start-up, bundle load, pool): the first 100 resources of an estate. */
async function parapetStartup(estate: string, bundle: string): Promise<ScanFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-bench-startup-'));
  try {
    const small = join(dir, 'estate-100.ndjson');
    const lines: string[] = [];
    for await (const line of createInterface({ input: createReadStream(estate), crlfDelay: Infinity })) {
      lines.push(line);
      if (lines.length === 101) break;
    }
    writeFileSync(small, lines.join('\n') + '\n');
    return await runParapet(small, bundle, lines.length - 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runEstateScan(options: { sizes?: number[]; opaChunk?: number; opaMax?: number; keep?: boolean } = {}) {
  const sizes = options.sizes ?? [10_000, 100_000];
  const opaChunk = options.opaChunk ?? 25_000;
  const opaMax = options.opaMax ?? Infinity;
  const bundleFile = await allBundle();
  const bundle = await loadBundle(bundleFile);
  const regoBundle = await regoOnlyCopy(bundleFile);
  const estates = fromRoot('out', 'bench', 'estates');
  mkdirSync(estates, { recursive: true });
  let templates: Awaited<ReturnType<typeof loadTemplates>> | undefined;
  const points: ScanPoint[] = [];
  let startup: ScanFigures | undefined;
  for (const n of sizes) {
    const file = join(estates, `estate-${n}.ndjson`);
    if (!existsSync(file)) {
      templates ??= await loadTemplates();
      log(`generating ${n} resources`);
      // Written aside and renamed: an interrupted run leaves no partial estate to reuse.
      await generateEstate(n, `${file}.partial`, { templates });
      renameSync(`${file}.partial`, file);
    }
    if (!startup) {
      startup = await parapetStartup(file, bundleFile);
      log(`parapet start-up (100 resources): ${startup.seconds} s, ${startup.cpu_seconds} CPU s`);
    }
    log(`parapet eval, ${n} resources`);
    const parapet = await runParapet(file, bundleFile, n);
    parapet.cpu_us_per_resource_after_startup = round(((parapet.cpu_seconds - startup.cpu_seconds) * 1e6) / n, 1);
    log(`parapet: ${parapet.seconds} s, ${parapet.resources_per_s}/s, peak ${parapet.peak_rss_mib} MiB`);
    let opa: ScanFigures | null = null;
    if (n <= opaMax) {
      log(`opa eval, ${n} resources`);
      opa = await runOpa(file, bundle, regoBundle, n, opaChunk);
      log(`opa: ${opa.seconds} s, ${opa.resources_per_s}/s, peak ${opa.peak_rss_mib} MiB`);
    }
    points.push({
      resources: n, parapet, opa,
      ratio_throughput: opa ? ratio(opa.seconds, parapet.seconds) : null,
      ratio_cpu: opa ? ratio(opa.cpu_seconds, parapet.cpu_seconds) : null,
      failed_agree: opa && parapet.failed !== null && opa.failed !== null ? parapet.failed === opa.failed : null,
    });
    if (!options.keep && n >= 1_000_000) rmSync(file, { force: true });
  }
  return { opa_chunk: opaChunk, startup: startup ?? null, points };
}

export function printEstateScan(result: Awaited<ReturnType<typeof runEstateScan>>): string {
  const startup = result.startup ? `parapet start-up (eval of 100 resources): ${result.startup.seconds} s, ${result.startup.cpu_seconds} CPU s, peak ${result.startup.peak_rss_mib} MiB\n` : '';
  return startup + table(
    ['resources', 'engine', 'seconds', 'cpu s', 'resources/s', 'µs/resource', 'cpu µs/res. after start-up', 'peak RSS MiB', 'failed pairs', 'load1', '× opa (time)', '× opa (cpu)'],
    result.points.flatMap((p) => [
      [p.resources, 'parapet', p.parapet.seconds, p.parapet.cpu_seconds, p.parapet.resources_per_s, p.parapet.us_per_resource, p.parapet.cpu_us_per_resource_after_startup, p.parapet.peak_rss_mib, p.parapet.failed, p.parapet.load1, p.ratio_throughput, p.ratio_cpu],
      p.opa
        ? [p.resources, 'opa eval', p.opa.seconds, p.opa.cpu_seconds, p.opa.resources_per_s, p.opa.us_per_resource, null, p.opa.peak_rss_mib, p.opa.failed, p.opa.load1, null, null]
        : [p.resources, 'opa eval', 'not run (--opa-max)', null, null, null, null, null, null, null, null, null],
    ]),
  ) + result.points.filter((p) => p.failed_agree === false).map((p) => `WARNING: at ${p.resources} resources parapet and opa count different failing (rule, resource) pairs\n`).join('');
}

if (isMain(import.meta.url)) {
  const flags = parseFlags();
  const result = {
    machine: machine(),
    ...(await runEstateScan({
      sizes: flags.has('sizes') ? numberList(flags.get('sizes'), []) : undefined,
      opaChunk: flags.has('opa-chunk') ? numberList(flags.get('opa-chunk'), [])[0] : undefined,
      opaMax: flags.has('opa-max') ? numberList(flags.get('opa-max'), [])[0] : undefined,
      keep: flags.has('keep'),
    })),
  };
  process.stdout.write(printEstateScan(result));
  log(`results in ${saveResult('estate-scan', result)}`);
}
