/**
 * Hot swap: autocannon against the decision service's Data API while the registry
 * activates other bundle versions through the API, against the same load without
 * swaps. Failed requests must be 0; the p99 shows what a swap costs.
 *   node dist/bench/hot-swap.js [--duration 10] [--connections 16] [--swaps 4]
 * Two versions of the decision bundle (1.0.0 and 1.0.1, same rules) alternate, one
 * activation every duration/(swaps+1) seconds; each activation loads, checks and
 * compiles the archive before it atomically replaces the serving version.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../common/paths.js';
import { readArchive } from '../engine/bundle/archive.js';
import { isMain, load1, log, machine, parseFlags, round, saveResult, table } from './common.js';
import { buildBenchBundle } from './bundles.js';
import { startParapet } from './servers.js';

export interface SwapRun {
  run: string;
  requests: number;
  rps: number;
  errors: number;
  non2xx: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  activations: number;
  activation_ms: number[];
  load1: number;
}

export async function runHotSwap(options: { duration?: number; connections?: number; swaps?: number } = {}) {
  const duration = options.duration ?? 10;
  const connections = options.connections ?? 16;
  const swaps = options.swaps ?? 4;
  log('building two versions of the decision bundle');
  const def = fromRoot('bench', 'bundles', 'decision-bench.json');
  const v1 = await buildBenchBundle(def, '1.0.0');
  const v2 = await buildBenchBundle(def, '1.0.1');
  const archive = await readArchive(v1, { source: v1 });
  const manifest = JSON.parse(archive.entries.find((e) => e.path === '.manifest')!.data.toString('utf8')) as { metadata: { parapet: { dispatch: { resource: Record<string, string> } } } };
  const path = `/v1/data/${manifest.metadata.parapet.dispatch.resource['AWS::S3::Bucket']}`;
  const body = readFileSync(fromRoot('bench', 'inputs', 'cis-s3-bucket.json'), 'utf8');

  const server = await startParapet();
  const runs: SwapRun[] = [];
  try {
    await server.publish(v2, false);
    await server.publish(v1, true);
    const once = async (run: string, swapCount: number): Promise<SwapRun> => {
      const load = load1();
      const cannon = autocannon({ url: server.url + path, method: 'POST', headers: server.headers, body, connections, duration, timeout: 30 });
      const activation_ms: number[] = [];
      const swapping = (async () => {
        for (let i = 1; i <= swapCount; i++) {
          await new Promise((r) => setTimeout(r, (duration * 1000) / (swapCount + 1) - (activation_ms.at(-1) ?? 0)));
          const started = performance.now();
          await server.activate('decision-bench', i % 2 === 1 ? '1.0.1' : '1.0.0');
          activation_ms.push(round(performance.now() - started));
        }
      })();
      const [r] = await Promise.all([cannon, swapping]);
      return {
        run, requests: r['2xx'] + r.non2xx, rps: round(r['2xx'] / r.duration), errors: r.errors + r.timeouts, non2xx: r.non2xx,
        p50_ms: r.latency.p50, p99_ms: r.latency.p99, max_ms: r.latency.max, activations: activation_ms.length, activation_ms, load1: round((load + load1()) / 2, 2),
      };
    };
    await autocannon({ url: server.url + path, method: 'POST', headers: server.headers, body, connections, duration: 2 });
    runs.push(await once('steady (no swap)', 0));
    log(`steady: p99 ${runs[0]!.p99_ms} ms`);
    runs.push(await once(`${swaps} activations under load`, swaps));
    log(`swapping: p99 ${runs[1]!.p99_ms} ms, failed ${runs[1]!.errors + runs[1]!.non2xx}`);
  } finally {
    await server.stop();
  }
  return { duration_s: duration, connections, runs };
}

export function printHotSwap(result: Awaited<ReturnType<typeof runHotSwap>>): string {
  return table(
    ['run', 'requests', 'decisions/s', 'failed', 'p50 ms', 'p99 ms', 'max ms', 'activation ms', 'load1'],
    result.runs.map((r) => [r.run, r.requests, r.rps, r.errors + r.non2xx, r.p50_ms, r.p99_ms, r.max_ms, r.activation_ms.join(' ') || null, r.load1]),
  );
}

if (isMain(import.meta.url)) {
  const flags = parseFlags();
  const num = (k: string) => (flags.has(k) ? Number(flags.get(k)) : undefined);
  const result = { machine: machine(), ...(await runHotSwap({ duration: num('duration'), connections: num('connections'), swaps: num('swaps') })) };
  process.stdout.write(printHotSwap(result));
  log(`results in ${saveResult('hot-swap', result)}`);
}
