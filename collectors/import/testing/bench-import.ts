/**
 * Import rate and peak memory on a generated estate:
 *   node dist/collectors/import/testing/bench-import.js [resources=100000]
 * Generates the native files (deterministic), then runs `parapet collect
 * import` in a child process, which reports its own peak RSS on exit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fromRoot } from '../../../common/paths.js';
import { writeLargeEstate } from './estate.js';

const n = Number(process.argv[2] ?? 100_000);
let peak = NaN;
const dir = await mkdtemp(join(tmpdir(), 'parapet-bench-import-'));
try {
  const gen = Date.now();
  const { bytes } = await writeLargeEstate(join(dir, 'estate'), n);
  process.stderr.write(`generated ${n} resources (${(bytes / 1e6).toFixed(0)} MB of JSON) in ${((Date.now() - gen) / 1000).toFixed(1)} s\n`);
  const out = join(dir, 'inventory.ndjson');
  const started = process.hrtime.bigint();
  // The child reports its own peak RSS (maxRSS, kB) on exit, so the figure is the importer's alone.
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'data:text/javascript,process.on("exit",()=>{process.stderr.write("maxrss_kb="+process.resourceUsage().maxRSS+"\\n")})', fromRoot('dist', 'cli', 'main.js'), 'collect', 'import', join(dir, 'estate'), '--out', out], { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('exit', (c) => { process.stderr.write(err); const m = /maxrss_kb=(\d+)/.exec(err); peak = m ? Number(m[1]) : NaN; resolve(c ?? 1); });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let lines = -1; // the header line
  for await (const line of createInterface({ input: createReadStream(out) })) if (line) lines++;
  process.stdout.write(JSON.stringify({ resources: lines, seconds: Number(seconds.toFixed(2)), resources_per_second: Math.round(lines / seconds), peak_rss_mb: Number((peak / 1024).toFixed(1)), exit_code: code }) + '\n');
} finally {
  await rm(dir, { recursive: true, force: true });
}
