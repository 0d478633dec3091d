/**
 * The servers the decision benchmarks load: `parapet serve` (with a bundle
 * published and activated through its API), `opa run --server` on the same
 * bundle file, and Fastify's empty route (the HTTP ceiling). Each in its own child
 * process on 127.0.0.1, stopped by its pid.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { opaBinary } from '../common/opa.js';
import { distModule } from '../common/paths.js';
import { freePort, waitForHttp } from './common.js';

export interface RunningServer {
  name: string;
  url: string;
  headers: Record<string, string>;
  pid: number;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, cleanup?: () => void): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    cleanup?.();
  };
}

async function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
}

/**
 * `parapet serve` (loopback, errors-only logging, `--dev` for the unsigned bench
 * bundles, no scan scheduler) on a fresh SQLite file, with an admin token made by
 * `parapet token create` beforehand. Falls back to bench/parapet-server.ts (the same
 * createServer) when the CLI has no serve command.
 */
export async function startParapet(): Promise<RunningServer & { token: string; publish(bundle: string, activate?: boolean): Promise<void>; activate(name: string, version: string): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-bench-serve-'));
  const db = join(dir, 'parapet.db');
  const port = await freePort();
  const cli = distModule('cli', 'main.js');
  const hasServe = spawnSync(process.execPath, [cli, 'serve', '--help'], { encoding: 'utf8' }).status === 0;
  let child: ChildProcess;
  let token: string;
  if (hasServe) {
    const created = spawnSync(process.execPath, [cli, 'token', 'create', '--db', db, '--name', 'bench', '--scopes', 'admin', '--by', 'bench', '--json'], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`parapet token create failed: ${created.stderr}`);
    token = (JSON.parse(created.stdout) as { token: string }).token;
    child = spawn(process.execPath, [cli, 'serve', '--db', db, '--host', '127.0.0.1', '--port', String(port), '--dev', '--log-level', 'error', '--no-scheduler'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health`, 60_000);
    } catch (err) {
      child.kill('SIGKILL');
      throw new Error(`${(err as Error).message}\n${stderr}`);
    }
  } else {
    child = spawn(process.execPath, [distModule('bench', 'parapet-server.js'), String(port), db], { stdio: ['ignore', 'pipe', 'pipe'] });
    token = (JSON.parse(await firstLine(child, 60_000)) as { token: string }).token;
  }
  const url = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const call = async (path: string, init: RequestInit) => {
    const res = await fetch(url + path, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method} ${path}: ${res.status} ${text}`);
  };
  return {
    name: 'parapet',
    url,
    headers,
    token,
    pid: child.pid!,
    stop: stopper(child, () => rmSync(dir, { recursive: true, force: true })),
    publish: (bundle, activate = true) =>
      call(`/v1/bundles${activate ? '?activate=true' : ''}`, { method: 'POST', headers: { authorization: headers.authorization, 'content-type': 'application/gzip' }, body: readFileSync(bundle) }),
    activate: (name, version) => call(`/v1/bundles/${encodeURIComponent(name)}/activate`, { method: 'POST', headers, body: JSON.stringify({ version }) }),
  };
}

/** `opa run --server` as one would deploy it for a benchmark: loopback, errors-only logging, the bundle file. */
export async function startOpa(bundle: string, name = 'opa'): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(opaBinary(), ['run', '--server', '--addr', `127.0.0.1:${port}`, '--log-level', 'error', '--bundle', bundle], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health?bundles`, 120_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return { name, url, headers: { 'content-type': 'application/json' }, pid: child.pid!, stop: stopper(child) };
}

/** Fastify answering `{}` on POST /: what one Node process serves with no work per request. */
export async function startEmptyFastify(): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [distModule('bench', 'empty-fastify.js'), String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await firstLine(child, 30_000);
  return { name: 'fastify-empty', url: `http://127.0.0.1:${port}`, headers: { 'content-type': 'application/json' }, pid: child.pid!, stop: stopper(child) };
}
