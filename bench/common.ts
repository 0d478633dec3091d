/**
 * What every benchmark shares: the machine it ran on (with the load average, since a
 * loaded machine skews every figure), child processes timed with their own peak RSS
 * (GNU time), a free loopback port, a plain-text table, and the JSON result file
 * `bench/run.ts` summarises (out/bench/<name>.json).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../common/paths.js';
import { opaBinary } from '../common/opa.js';

export interface Machine {
  nproc: number;
  cpu: string;
  memory_gib: number;
  node: string;
  opa: string;
  loadavg: [number, number, number];
  at: string;
}

export function machine(): Machine {
  const opa = /Version: (\S+)/.exec(spawnSync(opaBinary(), ['version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? 'unknown';
  const [a, b, c] = loadavg();
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gib: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    opa,
    loadavg: [round(a!, 2), round(b!, 2), round(c!, 2)],
    at: new Date().toISOString(),
  };
}

export function load1(): number {
  return round(loadavg()[0]!, 2);
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function ratio(ours: number, theirs: number, digits = 2): number | null {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return null;
  return round(ours / theirs, digits);
}

/** `--name value` and `--flag` arguments; the rest are ignored. */
export function parseFlags(argv = process.argv.slice(2)): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags.set(a.slice(2), argv[++i]!);
    else flags.set(a.slice(2), 'true');
  }
  return flags;
}

export function numberList(text: string | undefined, fallback: number[]): number[] {
  if (!text) return fallback;
  return text.split(',').map((s) => {
    const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
    if (!m) throw new Error(`not a number: ${s}`);
    return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1));
  });
}

export interface Measured {
  code: number;
  seconds: number;
  /** Peak resident set of the child (GNU time's %M), MiB. */
  peakRssMiB: number;
  /** User plus system CPU time of the child and its threads. */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end under GNU time; stdout is kept (up to `maxStdout` bytes) unless it goes to a file. */
export async function measure(command: string, args: string[], options: { cwd?: string; stdoutFile?: string; env?: NodeJS.ProcessEnv; maxStdout?: number } = {}): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-bench-time-'));
  const timeFile = join(dir, 'time');
  const started = process.hrtime.bigint();
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, command, ...args], {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      const max = options.maxStdout ?? 64 * 1024 * 1024;
      child.stdout.on('data', (d: Buffer) => {
        if (out.length < max) out += d.toString('utf8');
      });
      child.stderr.on('data', (d: Buffer) => {
        if (err.length < 1024 * 1024) err += d.toString('utf8');
      });
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c ?? 1, stdout: out, stderr: err }));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // The last line: "<maxrss kB> <user s> <system s>" (earlier lines may report a signal).
    const last = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '' : '';
    const [kb, user, sys] = (/^(\d+) ([\d.]+) ([\d.]+)$/.exec(last) ?? []).slice(1).map(Number);
    return { code, seconds, peakRssMiB: round((kb ?? NaN) / 1024, 1), cpuSeconds: round((user ?? NaN) + (sys ?? NaN), 2), stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `url` answers (any status), or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 60_000, headers: Record<string, string> = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status < 500) return;
      last = new Error(`status ${res.status}`);
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${(last as Error)?.message}`);
}

/** A plain-text table, columns padded to their widest cell. */
export function table(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '—' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}

/** A Markdown table (for bench/README.md). */
export function markdownTable(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (c: string | number | null | undefined) => (c === null || c === undefined ? '—' : String(c));
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n') + '\n';
}

export function resultFile(name: string): string {
  return fromRoot('out', 'bench', `${name}.json`);
}

export function saveResult(name: string, result: unknown): string {
  const file = resultFile(name);
  mkdirSync(fromRoot('out', 'bench'), { recursive: true });
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${load1()}] ${message}\n`);
}

/** Whether this module is the process's entry point (each benchmark runs alone or from run.ts). */
export function isMain(metaUrl: string): boolean {
  return !!process.argv[1] && metaUrl === new URL(`file://${process.argv[1]}`).href;
}
