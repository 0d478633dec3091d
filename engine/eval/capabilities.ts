/**
 * engine/eval/capabilities.json: exactly the built-ins Parapet's evaluator provides —
 * the wasm-native ones (wasm-natives.json, extracted from OPA's wasm compiler), the
 * opa-wasm SDK's JavaScript ones, and ours (builtins/names.ts) — with the `rego_v1`
 * feature, in `opa capabilities` format. `opa check/test/build --capabilities` then
 * refuse a rule calling anything else at build time.
 *
 * Regenerate: `node dist/engine/eval/capabilities.js [--natives-from <opa module dir>]`.
 */
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOpa } from '../../common/opa.js';
import { fromRoot } from '../../common/paths.js';
import { HOST_BUILTIN_NAMES } from './builtins/names.js';

export const CAPABILITIES_PATH = fromRoot('engine', 'eval', 'capabilities.json');
const NATIVES_PATH = fromRoot('engine', 'eval', 'wasm-natives.json');

/** Built-ins compiled into policy.wasm by OPA's wasm target (no host call). */
export function wasmNativeBuiltins(): string[] {
  return JSON.parse(readFileSync(NATIVES_PATH, 'utf8')) as string[];
}

/** Built-ins the opa-wasm SDK implements in JavaScript. */
export function sdkBuiltins(): string[] {
  const require = createRequire(import.meta.url);
  // The package exports only its entry; its built-ins sit beside it in src/builtins.
  const entry = require.resolve('@open-policy-agent/opa-wasm');
  return Object.keys(require(join(dirname(entry), 'builtins', 'index.js')) as object);
}

/** Every built-in name the evaluator provides, sorted. */
export function providedBuiltinNames(): string[] {
  return [...new Set([...wasmNativeBuiltins(), ...sdkBuiltins(), ...HOST_BUILTIN_NAMES])].sort();
}

interface Capabilities {
  builtins: Array<{ name: string; [k: string]: unknown }>;
  future_keywords?: string[];
  features?: string[];
}

/** The capabilities document: `opa capabilities --current` narrowed to what we provide. */
export async function generateCapabilities(): Promise<Capabilities> {
  const current = JSON.parse(await runOpa(['capabilities', '--current'])) as Capabilities;
  const wanted = new Set(providedBuiltinNames());
  const builtins = current.builtins.filter((b) => wanted.has(b.name));
  const missing = [...wanted].filter((n) => !builtins.some((b) => b.name === n));
  if (missing.length) throw new Error(`built-ins unknown to this OPA: ${missing.join(', ')}`);
  return { builtins, future_keywords: current.future_keywords, features: ['rego_v1'] };
}

/**
 * Reads the wasm-native built-in names from OPA's Go sources: the keys of
 * `builtinsFunctions` in internal/compiler/wasm/wasm.go (plus `eq` and `assign`, which
 * `IsWasmEnabled` accepts), resolved to names through v1/ast's `var X = &Builtin{Name: …}`.
 */
export function extractWasmNatives(opaModuleDir: string): string[] {
  const wasmGo = readFileSync(join(opaModuleDir, 'internal', 'compiler', 'wasm', 'wasm.go'), 'utf8');
  const map = /var builtinsFunctions = map\[string\]string\{([\s\S]*?)\n\}/.exec(wasmGo);
  if (!map) throw new Error('builtinsFunctions not found in wasm.go');
  const idents = [...map[1].matchAll(/ast\.(\w+)\.Name:/g)].map((m) => m[1]).concat(['Equality', 'Assign']);
  const astDir = join(opaModuleDir, 'v1', 'ast');
  const astSrc = readdirSync(astDir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .map((f) => readFileSync(join(astDir, f), 'utf8'))
    .join('\n');
  return idents
    .map((id) => {
      const m = new RegExp(`\\bvar ${id} = &Builtin\\{\\s*Name:\\s*"([^"]+)"`).exec(astSrc);
      if (!m) throw new Error(`built-in ${id} not found in v1/ast`);
      return m[1];
    })
    .sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--natives-from');
  if (i > 0) writeFileSync(NATIVES_PATH, JSON.stringify(extractWasmNatives(process.argv[i + 1]), null, 2) + '\n');
  writeFileSync(CAPABILITIES_PATH, JSON.stringify(await generateCapabilities(), null, 2) + '\n');
  process.stdout.write(`wrote ${CAPABILITIES_PATH}\n`);
}
