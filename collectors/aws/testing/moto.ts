/**
 * moto's server mode for the AWS tests: started from the virtual environment
 * the Makefile makes (`make venv`), on a free loopback port, stopped by pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromRoot } from '../../../common/paths.js';

export interface Moto {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
export const MOTO_ACCOUNT = '123456789012';

export function motoBinary(): string {
  const bin = process.env.PARAPET_MOTO_SERVER ?? fromRoot('.venv', 'bin', 'moto_server');
  if (!existsSync(bin)) throw new Error(`moto_server not found at ${bin}: run \`make venv\``);
  return bin;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn(motoBinary(), ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // AWS managed policies (AWSSupportAccess) exist in a real account; moto loads them on request
    // (a few seconds for each account's IAM). Its default AMIs nothing here reads: not loaded,
    // which makes each region's EC2 start quicker.
    env: { ...process.env, MOTO_PORT: String(port), MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' },
  });
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited: ${stderr}`);
    if (await portOpen(port)) break;
    await sleep(50);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(3000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
