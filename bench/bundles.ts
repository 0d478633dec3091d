/**
 * Bundles the benchmarks load: the `all` bundle as `make` builds it, and the
 * decision benchmark's bundle (bench/bundles/decision-bench.json: the S3 and EC2
 * rules plus the admission decision of bench/policies/admission, staged as a
 * helper module so that it compiles as an extra wasm entrypoint). Also the
 * Rego-only copy of a bundle (no policy.wasm, no manifest wasm entries), so that
 * `opa run --server` evaluates with its own evaluator instead of its wasm engine.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArchive, writeArchive } from '../engine/bundle/archive.js';
import { buildBundle } from '../engine/bundle/build.js';
import { fromRoot } from '../common/paths.js';

const OUT = fromRoot('out', 'bench', 'bundles');

/** Builds a bundle definition with the bench policies staged beside the library; `version` overrides the definition's. */
export async function buildBenchBundle(definition: string, version?: string): Promise<string> {
  const stage = mkdtempSync(join(tmpdir(), 'parapet-bench-policies-'));
  try {
    const policies = join(stage, 'policies');
    cpSync(fromRoot('policies'), policies, { recursive: true });
    const benchDir = fromRoot('bench', 'policies');
    for (const name of readdirSync(benchDir, { recursive: true }) as string[]) {
      if (!name.endsWith('.rego') || name.endsWith('_test.rego')) continue;
      cpSync(join(benchDir, name), join(policies, 'lib', 'bench', name));
    }
    const def = JSON.parse(readFileSync(definition, 'utf8')) as { version: string };
    if (version) def.version = version;
    const defFile = join(stage, 'definition.json');
    writeFileSync(defFile, JSON.stringify(def));
    mkdirSync(OUT, { recursive: true });
    return (await buildBundle(defFile, { policiesDir: policies, outDir: OUT })).file;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The latest modification time of a file under `path` (or of `path` itself). */
function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...(readdirSync(path) as string[]).map((name) => newestChange(join(path, name))));
}

/** out/bundles/all-<version>.tar.gz, built when missing or older than a policy (a stale bundle would measure old Rego). */
export async function allBundle(): Promise<string> {
  const definition = fromRoot('bundles', 'all.json');
  const def = JSON.parse(readFileSync(definition, 'utf8')) as { version: string };
  const file = fromRoot('out', 'bundles', `all-${def.version}.tar.gz`);
  if (existsSync(file) && statSync(file).mtimeMs > Math.max(newestChange(fromRoot('policies')), newestChange(definition))) return file;
  return (await buildBundle(definition)).file;
}

/**
 * The same bundle without its wasm: OPA then answers every query with its own Rego
 * evaluator. `opa build -t wasm` removes complete rules it compiled as entrypoints
 * from their Rego module (the admission `decision`), so the bench modules are put
 * back from bench/policies.
 */
export async function regoOnlyCopy(bundle: string): Promise<string> {
  const archive = await readArchive(bundle, { source: bundle });
  const entries = archive.entries
    .filter((e) => e.path !== 'policy.wasm' && !e.path.endsWith('.wasm'))
    .map((e) => {
      const bench = /^policies\/lib\/bench\/(.+\.rego)$/.exec(e.path);
      if (bench) return { path: e.path, data: readFileSync(fromRoot('bench', 'policies', bench[1]!)) };
      if (e.path !== '.manifest') return e;
      const manifest = JSON.parse(e.data.toString('utf8')) as Record<string, unknown>;
      delete manifest.wasm;
      return { path: e.path, data: Buffer.from(JSON.stringify(manifest)) };
    });
  const file = bundle.replace(/\.tar\.gz$/, '.rego-only.tar.gz');
  writeFileSync(file, await writeArchive(entries));
  return file;
}
