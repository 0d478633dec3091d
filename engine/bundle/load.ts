/**
 * Loads a bundle only after every check passed: size and paths (archive.ts), the
 * manifest and Parapet metadata, the signature when a key is configured, and the
 * wasm module against the ABI opa-wasm speaks. Nothing of a refused bundle runs:
 * the module is compiled and linked against throwing stubs but never called.
 */
import type { KeyObject } from 'node:crypto';
import { ParapetError } from '../../common/errors.js';
import { bundleError, readArchive, type ArchiveEntry, type BundleLimits } from './archive.js';
import { SIGNATURES_FILE, type SigningAlgorithm } from './sign.js';
import type { BundleManifest, LoadedBundle, ParapetMetadata } from './types.js';
import { SEVERITIES } from './types.js';
import { verifySignatures } from './verify.js';

export interface LoadOptions {
  /** Verify the signature with this key (PEM or KeyObject). */
  publicKey?: string | KeyObject;
  algorithm?: SigningAlgorithm;
  /** Refuse an unsigned bundle; default true when a key is given. */
  requireSignature?: boolean;
  limits?: Partial<BundleLimits>;
  /** Name for messages; default the path. */
  source?: string;
}

/** What opa-wasm (src/opa.js) calls on a policy module. */
const REQUIRED_FUNCTIONS = [
  'eval', 'builtins', 'entrypoints', 'opa_eval_ctx_new', 'opa_eval_ctx_set_input', 'opa_eval_ctx_set_data',
  'opa_eval_ctx_set_entrypoint', 'opa_eval_ctx_get_result', 'opa_malloc', 'opa_free', 'opa_json_parse',
  'opa_json_dump', 'opa_heap_ptr_get', 'opa_heap_ptr_set', 'opa_eval',
];
const REQUIRED_GLOBALS = ['opa_wasm_abi_version', 'opa_wasm_abi_minor_version'];
/** Every import opa-wasm provides; a module wanting anything else cannot be an OPA policy. */
const PROVIDED_IMPORTS = new Map<string, string>([
  ['memory', 'memory'], ['opa_abort', 'function'], ['opa_println', 'function'], ['opa_builtin0', 'function'],
  ['opa_builtin1', 'function'], ['opa_builtin2', 'function'], ['opa_builtin3', 'function'], ['opa_builtin4', 'function'],
]);
/** ABI 1.2 gives opa_eval, the one-call path the evaluator uses. */
const MIN_ABI_MINOR = 2;

export async function loadBundle(input: string | Uint8Array, options: LoadOptions = {}): Promise<LoadedBundle> {
  const source = options.source ?? (typeof input === 'string' ? input : '<buffer>');
  const requireSignature = options.requireSignature ?? options.publicKey !== undefined;
  if (requireSignature && options.publicKey === undefined) {
    throw new ParapetError('bundle_verification_key_missing', `bundle ${source}: a signature is required but no verification key is configured`);
  }
  const archive = await readArchive(input, { source, limits: options.limits });
  const files = new Map(archive.entries.map((e) => [e.path, e.data]));

  const manifest = parseManifest(source, files.get('.manifest'));
  const wasmModules = new Set((manifest.wasm ?? []).map((w) => w.module.replace(/^\//, '')));
  for (const path of files.keys()) checkExpected(source, path, wasmModules);

  let signed = false;
  if (files.has(SIGNATURES_FILE) || requireSignature) {
    if (options.publicKey !== undefined) {
      await verifySignatures(source, archive.entries, { publicKey: options.publicKey, algorithm: options.algorithm });
      signed = true;
    } else if (requireSignature) {
      throw bundleError(source, 'signature_missing', 'a signature is required');
    }
  }

  const parapet = checkParapetMetadata(source, manifest);
  const data = parseData(source, files.get('data.json'));
  const wasm = await checkWasm(source, manifest, parapet, files);
  return { source, digest: archive.digest, manifest, parapet, wasm, data, signed };
}

function checkExpected(source: string, path: string, wasmModules: Set<string>): void {
  if (path === '.manifest' || path === SIGNATURES_FILE || path.endsWith('.rego') || path === 'data.json' || path.endsWith('/data.json')) return;
  if (path.endsWith('.wasm') && wasmModules.has(path)) return;
  throw bundleError(source, 'unexpected_file', `${path} is not a file an OPA bundle holds (manifest, data.json, .rego, the manifest's wasm modules, ${SIGNATURES_FILE})`);
}

function parseManifest(source: string, data: Buffer | undefined): BundleManifest {
  if (!data) throw bundleError(source, 'manifest_invalid', 'has no /.manifest');
  let m: unknown;
  try {
    m = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw bundleError(source, 'manifest_invalid', `/.manifest is not JSON (${(err as Error).message})`);
  }
  const problems: string[] = [];
  const obj = m as Record<string, unknown>;
  if (!isObject(m)) throw bundleError(source, 'manifest_invalid', '/.manifest is not a JSON object');
  if (typeof obj.revision !== 'string') problems.push('revision must be a string');
  if (!Array.isArray(obj.roots) || !obj.roots.every((r) => typeof r === 'string')) problems.push('roots must be a list of strings');
  if (obj.wasm !== undefined) {
    if (!Array.isArray(obj.wasm) || !obj.wasm.every((w) => isObject(w) && typeof w.entrypoint === 'string' && typeof w.module === 'string')) {
      problems.push('wasm must be a list of {entrypoint, module}');
    }
  }
  if (obj.metadata !== undefined && !isObject(obj.metadata)) problems.push('metadata must be an object');
  if (problems.length) throw bundleError(source, 'manifest_invalid', `/.manifest: ${problems.join('; ')}`);
  return m as unknown as BundleManifest;
}

function checkParapetMetadata(source: string, manifest: BundleManifest): ParapetMetadata {
  const p = manifest.metadata?.parapet as unknown;
  const fail = (msg: string): never => {
    throw bundleError(source, 'metadata_invalid', `manifest metadata.parapet: ${msg}`);
  };
  if (!isObject(p)) return fail('missing (not a Parapet bundle)');
  const bundle = p.bundle;
  if (!isObject(bundle) || typeof bundle.name !== 'string' || typeof bundle.version !== 'string') fail('bundle must name {name, version}');
  if (!isObject(p.frameworks)) fail('frameworks must be an object');
  for (const [id, f] of Object.entries(p.frameworks as Record<string, unknown>)) {
    if (!isObject(f) || !Array.isArray(f.controls)) fail(`frameworks.${id} must carry its controls`);
  }
  if (!Array.isArray(p.rules)) return fail('rules must be a list');
  const ids = new Set<string>();
  for (const r of p.rules as unknown[]) {
    if (!isObject(r) || typeof r.id !== 'string' || typeof r.package !== 'string') return fail('every rule needs an id and a package');
    if (ids.has(r.id)) fail(`rule ${r.id} is listed twice`);
    ids.add(r.id);
    if (!SEVERITIES.includes(r.severity as never)) fail(`rule ${r.id} has severity ${String(r.severity)}`);
    if (r.scope !== 'resource' && r.scope !== 'account') fail(`rule ${r.id} has scope ${String(r.scope)}`);
    if (!Array.isArray(r.resource_types) || !isObject(r.frameworks)) fail(`rule ${r.id} needs resource_types and frameworks`);
  }
  const d = p.dispatch;
  if (!isObject(d) || !isObject(d.resource) || !isObject(d.account)) return fail('dispatch must have resource and account maps');
  const entrypoints = new Set((manifest.wasm ?? []).map((w) => w.entrypoint));
  if (d.batch !== undefined && !isObject(d.batch)) return fail('dispatch batch must be a map');
  for (const ep of [...Object.values(d.resource), ...Object.values(d.account), ...Object.values(d.batch ?? {})]) {
    if (typeof ep !== 'string' || !entrypoints.has(ep)) fail(`dispatch entrypoint ${String(ep)} is not a wasm entrypoint of the manifest`);
  }
  return p as unknown as ParapetMetadata;
}

function parseData(source: string, data: Buffer | undefined): Record<string, unknown> {
  if (!data) return {};
  try {
    const parsed = JSON.parse(data.toString('utf8')) as unknown;
    if (isObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw bundleError(source, 'data_invalid', '/data.json is not a JSON object');
}

async function checkWasm(
  source: string,
  manifest: BundleManifest,
  parapet: ParapetMetadata,
  files: Map<string, Buffer>,
): Promise<Uint8Array> {
  const modules = [...new Set((manifest.wasm ?? []).map((w) => w.module.replace(/^\//, '')))];
  if (modules.length !== 1) {
    throw bundleError(source, 'wasm_invalid', `expected exactly one wasm module in the manifest, found ${modules.length}`);
  }
  const path = modules[0]!;
  const bytes = files.get(path);
  if (!bytes) throw bundleError(source, 'wasm_invalid', `the manifest names /${path} but the bundle has no such file`);
  const wasm = new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  if (!WA.validate(wasm)) throw bundleError(source, 'wasm_invalid', `/${path} is not a valid WebAssembly module`);
  const module = await WA.compile(wasm);

  const abi = (msg: string): ParapetError => bundleError(source, 'wasm_abi', `/${path} is not an OPA policy module: ${msg}`);
  for (const imp of WA.Module.imports(module)) {
    if (imp.module !== 'env' || PROVIDED_IMPORTS.get(imp.name) !== imp.kind) throw abi(`it imports ${imp.module}.${imp.name} (${imp.kind})`);
  }
  const exports = new Map(WA.Module.exports(module).map((e) => [e.name, e.kind]));
  const missing = [
    ...REQUIRED_FUNCTIONS.filter((f) => exports.get(f) !== 'function'),
    ...REQUIRED_GLOBALS.filter((g) => exports.get(g) !== 'global'),
  ];
  if (missing.length) throw abi(`missing exports ${missing.join(', ')}`);
  // Read the ABI version from the module's constant globals rather than instantiating it.
  const globals = exportedConstGlobals(wasm);
  const version = globals.get('opa_wasm_abi_version');
  const minor = globals.get('opa_wasm_abi_minor_version');
  if (version !== 1 || minor === undefined || minor < MIN_ABI_MINOR) {
    throw abi(`ABI ${String(version)}.${String(minor)}; opa-wasm needs 1.${MIN_ABI_MINOR} or later`);
  }
  void parapet;
  return wasm;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<object>;
  Module: {
    imports(m: object): Array<{ module: string; name: string; kind: string }>;
    exports(m: object): Array<{ name: string; kind: string }>;
  };
}

/**
 * Exported globals whose initializer is an `i32.const`, by export name, read from the
 * global (6) and export (7) sections of a module that already validated. Imports are
 * limited to memory and functions, so global indices start at the module's own.
 */
function exportedConstGlobals(wasm: Uint8Array): Map<string, number> {
  let i = 8;
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = wasm[i++]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  };
  const s32 = (): number => {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = wasm[i++]!;
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return shift < 32 && b & 0x40 ? result | (~0 << shift) : result;
  };
  const values: Array<number | undefined> = [];
  const exported = new Map<string, number>();
  while (i < wasm.length) {
    const id = wasm[i++]!;
    const size = u32();
    const end = i + size;
    if (id === 6) {
      for (let n = u32(); n > 0; n--) {
        i += 2; // value type, mutability
        if (wasm[i] === 0x41) {
          i++;
          values.push(s32());
        } else values.push(undefined);
        while (wasm[i] !== 0x0b) i++; // to the end of the init expression
        i++;
      }
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const len = u32();
        const name = Buffer.from(wasm.subarray(i, i + len)).toString('utf8');
        i += len;
        const kind = wasm[i++]!;
        const index = u32();
        if (kind === 3 && values[index] !== undefined) exported.set(name, values[index]!);
      }
    }
    i = end;
  }
  return exported;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type { ArchiveEntry };
