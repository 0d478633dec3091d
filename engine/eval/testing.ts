/** Test helper: compiles Rego sources to a wasm module with the pinned OPA CLI. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { list } from 'tar';
import { runOpa } from '../../common/opa.js';
import { CAPABILITIES_PATH } from './capabilities.js';
import { fromRoot } from '../../common/paths.js';

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

/** The evaluator's fixture bundle (engine/eval/testdata), built into `outDir`; returns the archive path. */
export async function buildEvalTestBundle(outDir: string): Promise<string> {
  const { buildBundle } = await import('../bundle/build.js');
  const root = fromRoot('engine', 'eval', 'testdata');
  const built = await buildBundle(join(root, 'bundles', 'evaltest.json'), { policiesDir: join(root, 'policies'), outDir });
  return built.file;
}

/** A resource of the inventory schema, with defaults for what a test does not care about. */
export function testResource(fields: { id: string; type: string; account?: string; region?: string; name?: string; tags?: Record<string, string>; config?: Record<string, unknown> }): Record<string, unknown> {
  return {
    id: fields.id, provider: 'aws', type: fields.type, account: fields.account ?? '111111111111', region: fields.region ?? 'us-east-1',
    name: fields.name ?? fields.id, tags: fields.tags ?? {}, config: fields.config ?? {},
  };
}

export const TEST_HEADER = { version: 'parapet.inventory/v1', generated_at: '2024-06-01T00:00:00Z', sources: [] };
