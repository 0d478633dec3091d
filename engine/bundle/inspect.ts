/** A summary of a bundle for people: what it is, what it covers, whether it is signed. */
import type { KeyObject } from 'node:crypto';
import { loadBundle } from './load.js';
import { SIGNATURES_FILE } from './sign.js';
import { readArchive } from './archive.js';

export interface BundleSummary {
  name: string;
  version: string;
  revision: string;
  digest: string;
  /** Whether the archive carries a signature; `verified` whether it was checked against a key. */
  signed: boolean;
  verified: boolean;
  frameworks: Array<{ id: string; name: string; controls: number }>;
  rules: number;
  rules_by_provider: Record<string, number>;
  rules_by_severity: Record<string, number>;
  entrypoints: string[];
}

export async function inspectBundle(path: string, options: { publicKey?: string | KeyObject } = {}): Promise<BundleSummary> {
  const loaded = await loadBundle(path, { publicKey: options.publicKey });
  const archive = await readArchive(path);
  const p = loaded.parapet;
  const count = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {});
  return {
    name: p.bundle.name,
    version: p.bundle.version,
    revision: loaded.manifest.revision,
    digest: loaded.digest,
    signed: archive.entries.some((e) => e.path === SIGNATURES_FILE),
    verified: loaded.signed,
    frameworks: Object.entries(p.frameworks).map(([id, f]) => ({ id, name: f.name, controls: f.controls.length })),
    rules: p.rules.length,
    rules_by_provider: count(p.rules.map((r) => r.id.split('.')[0]!)),
    rules_by_severity: count(p.rules.map((r) => r.severity)),
    entrypoints: (loaded.manifest.wasm ?? []).map((w) => w.entrypoint),
  };
}
