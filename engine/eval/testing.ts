/** Test helper: compiles Rego sources to a wasm module with the pinned OPA CLI. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { list } from 'tar';
import { runOpa } from '../../common/opa.js';
import { CAPABILITIES_PATH } from './capabilities.js';

/** Writes `files` (relative path → Rego) to a temporary folder; returns it. */
export function writeRego(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-rego-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** `opa build -t wasm` of `dirs` with our capabilities; returns policy.wasm. */
export async function buildWasm(dirs: string[], entrypoints: string[]): Promise<Uint8Array> {
  const out = mkdtempSync(join(tmpdir(), 'parapet-wasm-'));
  try {
    const bundle = join(out, 'bundle.tar.gz');
    await runOpa(['build', '-t', 'wasm', '--capabilities', CAPABILITIES_PATH, ...entrypoints.flatMap((e) => ['-e', e]), '-o', bundle, ...dirs]);
    const chunks: Buffer[] = [];
    await list({
      file: bundle,
      filter: (p) => p === '/policy.wasm' || p === 'policy.wasm',
      onReadEntry: (entry) => entry.on('data', (c: Buffer) => chunks.push(c)),
    });
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
