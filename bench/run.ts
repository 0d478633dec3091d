/**
 * `make bench`: every benchmark in order, each printing its own tables, then one
 * summary against the targets (issue 6). Results go to out/bench/*.json.
 *   node dist/bench/run.js [--sizes 10k,100k,1m] [--opa-max 1m] [--duration 5] [--connections 1,16,64] [--only decision,scan,swap,dispatch]
 * Estate sizes also come from $PARAPET_BENCH_SIZES (e.g. `10k,100k`); the default is
 * 10k, 100k and 1M. `opa eval` runs at every size up to --opa-max (default: all of
 * them); at 1M it is forty 25k-resource processes, the longest part of the run.
 * Last, bench/dispatch.ts (cost per resource as unrelated rules are added: 10 vs 300
 * rules of other types), run as a child process as it runs alone.
 */
import { spawnSync } from 'node:child_process';
import { distModule } from '../common/paths.js';
import { isMain, log, machine, markdownTable, numberList, parseFlags, round, saveResult, table } from './common.js';
import { printDecisionApi, runDecisionApi } from './decision-api.js';
import { printEstateScan, runEstateScan } from './estate-scan.js';
import { printHotSwap, runHotSwap } from './hot-swap.js';

type Decision = Awaited<ReturnType<typeof runDecisionApi>>;
type Scan = Awaited<ReturnType<typeof runEstateScan>>;
type Swap = Awaited<ReturnType<typeof runHotSwap>>;

interface Row {
  measure: string;
  parapet: string | number | null;
  peer: string | number | null;
  ratio: string | number | null;
  target: string;
  met: string;
}

const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'yes' : 'NO');

/** bench/dispatch.ts (the eval helper's): 10 vs 300 rules of other types, run as it runs alone. */
function runDispatch(): { output: string; small: number | null; large: number | null; ratio: number | null } {
  const out = spawnSync(process.execPath, [distModule('bench', 'dispatch.js')], { encoding: 'utf8' });
  const output = out.stdout + (out.status === 0 ? '' : out.stderr);
  const num = (re: RegExp) => (re.exec(output) ? Number(re.exec(output)![1]) : null);
  return { output, small: num(/10 rules of other types: ([\d.]+)/), large: num(/300 rules of other types: ([\d.]+)/), ratio: num(/ratio 300\/10: ([\d.]+)/) };
}
type Dispatch = ReturnType<typeof runDispatch>;

export function summarise(decision?: Decision, scan?: Scan, swap?: Swap, dispatch?: Dispatch): Row[] {
  const rows: Row[] = [];
  if (decision) {
    for (const c of decision.comparisons) {
      // The peer is OPA at its best: the faster of its wasm engine and its own evaluator.
      const opaBest = Math.max(c.opa_wasm_rps ?? 0, c.opa_rego_rps ?? 0);
      const opaP99 = opaBest === c.opa_rego_rps ? c.opa_rego_p99_ms : c.opa_wasm_p99_ms;
      const r = opaBest ? round(c.parapet_rps / opaBest, 2) : null;
      rows.push({
        measure: `decisions/s ${c.scenario} c=${c.connections} (p99 ms)`,
        parapet: `${c.parapet_rps} (${c.parapet_p99_ms})`,
        peer: `${opaBest} (${opaP99}) opa ${opaBest === c.opa_rego_rps ? 'rego' : 'wasm'}`,
        ratio: r,
        target: '≥1.5×, p99 ≤ OPA',
        met: verdict(r === null ? null : r >= 1.5 && c.parapet_p99_ms <= (opaP99 ?? Infinity)),
      });
    }
    const ceiling = decision.points.filter((p) => p.server === 'fastify-empty').map((p) => `${p.rps}@c${p.connections}`).join(' ');
    rows.push({ measure: 'HTTP ceiling (Fastify empty route) req/s', parapet: ceiling, peer: null, ratio: null, target: '—', met: '—' });
  }
  if (scan) {
    for (const p of scan.points) {
      rows.push({
        measure: `estate scan ${p.resources} resources: resources/s`,
        parapet: p.parapet.resources_per_s, peer: p.opa?.resources_per_s ?? null, ratio: p.ratio_throughput,
        target: '≥20,000/s and ≥3× opa eval',
        met: verdict(p.parapet.resources_per_s >= 20_000 && (p.ratio_throughput ?? 0) >= 3),
      });
      rows.push({
        measure: `estate scan ${p.resources}: CPU s (peak RSS MiB)`,
        parapet: `${p.parapet.cpu_seconds} (${p.parapet.peak_rss_mib})`,
        peer: p.opa ? `${p.opa.cpu_seconds} (${p.opa.peak_rss_mib})` : null,
        ratio: p.ratio_cpu,
        target: p.resources >= 1_000_000 ? 'RSS < 512 MiB' : '—',
        met: p.resources >= 1_000_000 ? verdict(p.parapet.peak_rss_mib < 512) : '—',
      });
      if (p.failed_agree !== null) rows.push({ measure: `estate scan ${p.resources}: failing (rule, resource) pairs agree`, parapet: p.parapet.failed, peer: p.opa?.failed ?? null, ratio: null, target: 'equal', met: verdict(p.failed_agree) });
    }
    const costs = scan.points.map((p) => p.parapet.cpu_us_per_resource_after_startup).filter((c): c is number => typeof c === 'number');
    if (costs.length >= 2) {
      rows.push({
        measure: `CPU µs/resource after start-up as the estate grows (${scan.points.map((p) => p.resources).join(' → ')})`,
        // Small estates cost more a resource (JIT warm-up, the pool ramping up); what must not happen is growth.
        parapet: costs.join(' → '), peer: null, ratio: round(costs.at(-1)! / Math.min(...costs), 2), target: 'flat: largest ≤ 1.25× smallest cost',
        met: verdict(costs.at(-1)! <= 1.25 * Math.min(...costs)),
      });
    }
  }
  if (swap) {
    const steady = swap.runs[0];
    const swapping = swap.runs[1];
    if (steady && swapping) {
      rows.push({
        measure: `hot swap: failed requests during ${swapping.activations} activations (c=${swap.connections})`,
        parapet: swapping.errors + swapping.non2xx, peer: null, ratio: null, target: '0', met: verdict(swapping.errors + swapping.non2xx === 0),
      });
      rows.push({ measure: 'hot swap: p99 ms steady → swapping', parapet: `${steady.p99_ms} → ${swapping.p99_ms}`, peer: null, ratio: round(swapping.p99_ms / Math.max(1, steady.p99_ms), 2), target: '—', met: '—' });
    }
  }
  if (dispatch && dispatch.ratio !== null) {
    rows.push({ measure: 'µs/resource with 10 → 300 rules of other types (one thread)', parapet: `${dispatch.small} → ${dispatch.large}`, peer: null, ratio: dispatch.ratio, target: 'flat (dispatch by type)', met: verdict(dispatch.ratio <= 1.25) });
  }
  return rows;
}

export function summaryTable(rows: Row[], markdown = false): string {
  const header = ['measure', 'parapet', 'peer', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [r.measure, r.parapet, r.peer, r.ratio, r.target, r.met]);
  return markdown ? markdownTable(header, cells) : table(header, cells);
}

if (isMain(import.meta.url)) {
  const flags = parseFlags();
  const only = new Set((flags.get('only') ?? 'decision,scan,swap,dispatch').split(','));
  const sizes = numberList(flags.get('sizes') ?? process.env.PARAPET_BENCH_SIZES, [10_000, 100_000, 1_000_000]);
  const opaMax = flags.has('opa-max') ? numberList(flags.get('opa-max'), [])[0] : Infinity;
  const duration = flags.has('duration') ? Number(flags.get('duration')) : undefined;
  const started = Date.now();
  const before = machine();
  log(`machine: ${before.nproc} cores, ${before.cpu}, ${before.memory_gib} GiB, node ${before.node}, opa ${before.opa}, load ${before.loadavg.join(' ')}`);
  let decision: Decision | undefined;
  let scan: Scan | undefined;
  let swap: Swap | undefined;
  let dispatch: Dispatch | undefined;
  if (only.has('decision')) {
    process.stdout.write('\n== Decision API (bench/decision-api.ts)\n');
    decision = await runDecisionApi({ duration, connections: flags.has('connections') ? numberList(flags.get('connections'), []) : undefined });
    process.stdout.write(printDecisionApi(decision));
    saveResult('decision-api', { machine: machine(), ...decision });
  }
  if (only.has('scan')) {
    process.stdout.write(`\n== Estate scan (bench/estate-scan.ts), sizes ${sizes.join(', ')}\n`);
    scan = await runEstateScan({ sizes, opaMax });
    process.stdout.write(printEstateScan(scan));
    saveResult('estate-scan', { machine: machine(), ...scan });
  }
  if (only.has('swap')) {
    process.stdout.write('\n== Hot swap (bench/hot-swap.ts)\n');
    swap = await runHotSwap({ duration: duration ? Math.max(duration, 6) : undefined });
    process.stdout.write(printHotSwap(swap));
    saveResult('hot-swap', { machine: machine(), ...swap });
  }
  if (only.has('dispatch')) {
    process.stdout.write('\n== Rules of other types (bench/dispatch.ts)\n');
    dispatch = runDispatch();
    process.stdout.write(dispatch.output);
    saveResult('dispatch', { machine: machine(), ...dispatch });
  }
  const rows = summarise(decision, scan, swap, dispatch);
  const after = machine();
  process.stdout.write(`\n== Summary (${after.nproc} cores, ${after.cpu}, ${after.memory_gib} GiB, node ${after.node}, opa ${after.opa}; load ${before.loadavg[0]} at start, ${after.loadavg[0]} at end; ${round((Date.now() - started) / 1000)} s)\n`);
  process.stdout.write(summaryTable(rows));
  saveResult('summary', { machine: { before, after }, seconds: round((Date.now() - started) / 1000), rows });
}
