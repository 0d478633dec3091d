/**
 * Builds a bundle from its definition (`bundles/<name>.json`): selects the rules,
 * generates one dispatch package per resource type (and one per provider for
 * account-scope rules), writes the Parapet manifest, and compiles everything with
 * `opa build -t wasm` against the evaluator's capabilities.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { ParapetError } from '../../common/errors.js';
import { OPA_VERSION, runOpa } from '../../common/opa.js';
import { fromRoot } from '../../common/paths.js';
import { readArchive, sha256Digest } from './archive.js';
import { displayPath, loadCatalogs, loadRuleMetadata } from './metadata.js';
import { signBundle, type SigningAlgorithm } from './sign.js';
import type { BundleManifest, ParapetMetadata, RuleMetadata } from './types.js';

export interface BundleDefinition {
  name: string;
  version: string;
  description?: string;
  /** Framework ids the bundle reports on; empty = every rule, no framework filter. */
  frameworks: string[];
  /** Globs under policies/ (e.g. `aws/**`); default all. */
  include?: string[];
  /** Extra wasm entrypoints, e.g. `parapet/lib/...` for a decision API. */
  entrypoints?: string[];
}

export interface BuildOptions {
  /** Where the archive goes; default `out/bundles`. */
  outDir?: string;
  /** The rule tree; default `policies/`. */
  policiesDir?: string;
  /** OPA capabilities; default `engine/eval/capabilities.json`. */
  capabilities?: string;
  signingKey?: string;
  signingAlg?: SigningAlgorithm;
  keyId?: string;
}

export interface BuildResult {
  file: string;
  digest: string;
  bytes: number;
  rules: number;
  entrypoints: string[];
  durationMs: number;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Resolves `cis-aws` to `bundles/cis-aws.json`; a path is taken as is. */
export function definitionPath(nameOrFile: string): string {
  if (nameOrFile.endsWith('.json') || nameOrFile.includes('/')) return resolve(nameOrFile);
  return fromRoot('bundles', `${nameOrFile}.json`);
}

export function readDefinition(file: string): BundleDefinition {
  const shown = displayPath(file);
  let def: Partial<BundleDefinition>;
  try {
    def = JSON.parse(readFileSync(file, 'utf8')) as Partial<BundleDefinition>;
  } catch (err) {
    throw new ParapetError('bundle_definition_invalid', `${shown}: ${(err as Error).message}`);
  }
  const problems: string[] = [];
  if (typeof def.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(def.name)) problems.push('name must be lower-case letters, digits and dashes');
  if (typeof def.version !== 'string' || !SEMVER.test(def.version)) problems.push('version must be a semantic version');
  if (!Array.isArray(def.frameworks) || !def.frameworks.every((f) => typeof f === 'string')) problems.push('frameworks must be a list of framework ids');
  for (const key of ['include', 'entrypoints'] as const) {
    const v = def[key];
    if (v !== undefined && (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))) problems.push(`${key} must be a list of strings`);
  }
  if (problems.length) throw new ParapetError('bundle_definition_invalid', `${shown}: ${problems.join('; ')}`);
  return def as BundleDefinition;
}

/** A Rego-safe, collision-free package segment for a resource type. */
export function typeKey(type: string): string {
  const slug = type.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const hash = createHash('sha256').update(type).digest('hex').slice(0, 8);
  return `t_${slug}_${hash}`;
}

/**
 * The batch entrypoint of a resource type: `results` of each of `input.resources` (in
 * order) with the `input.facts` they share (resources of one account), in one wasm call.
 * Each opa_eval parses its whole input, facts included (tens of KiB for some types),
 * and resets the heap; one call per group of resources pays that once.
 */
const BATCH_RULE = 'batch := [r | f := input.facts; some resource in input.resources; r := results with input as {"resource": resource, "facts": f}]';

function dispatchModule(pkg: string, rules: RuleMetadata[], batch = false): string {
  // One partial-object rule a rule: a rule that cannot be evaluated leaves only its own key undefined.
  const lines = rules.map((r) => `results[${JSON.stringify(r.id)}] := data.${r.package}.deny`);
  if (batch) lines.push(BATCH_RULE);
  return `package ${pkg}\n\n${lines.join('\n\n')}\n`;
}

/** Rules of a definition, from the metadata of the whole tree. */
export function selectRules(def: BundleDefinition, rules: RuleMetadata[], policiesDir: string): RuleMetadata[] {
  const globs = (def.include?.length ? def.include : ['**']).map((g) => g.replace(/^policies\//, ''));
  const match = picomatch(globs);
  const root = resolve(policiesDir);
  return rules.filter((r) => {
    const rel = relative(root, resolve(fromRoot(), r.path));
    if (!match(rel)) return false;
    return def.frameworks.length === 0 || def.frameworks.some((f) => (r.frameworks[f]?.length ?? 0) > 0);
  });
}

export function defaultCapabilities(): string {
  return fromRoot('engine', 'eval', 'capabilities.json');
}

export async function buildBundle(definitionFile: string, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const defFile = definitionPath(definitionFile);
  if (!existsSync(defFile)) throw new ParapetError('bundle_definition_not_found', `no bundle definition at ${displayPath(defFile)}`);
  const def = readDefinition(defFile);
  const policiesDir = resolve(options.policiesDir ?? fromRoot('policies'));
  const capabilities = resolve(options.capabilities ?? defaultCapabilities());
  if (!existsSync(capabilities)) throw new ParapetError('bundle_build_failed', `capabilities file ${displayPath(capabilities)} is missing`);

  const catalogs = loadCatalogs(join(policiesDir, 'frameworks'));
  for (const f of def.frameworks) {
    if (!catalogs.has(f)) throw new ParapetError('bundle_definition_invalid', `${displayPath(defFile)}: unknown framework "${f}"`);
  }
  const rules = selectRules(def, await loadRuleMetadata(policiesDir), policiesDir);
  if (rules.length === 0) {
    throw new ParapetError('bundle_empty', `${displayPath(defFile)}: no rule matches its include globs and frameworks`);
  }

  const stage = mkdtempSync(join(tmpdir(), 'parapet-build-'));
  try {
    const tree = join(stage, 'bundle');
    // Staged path → source path, to name the rule's own file in compiler errors.
    const sources = new Map<string, string>();
    const stageFile = (src: string, rel: string) => {
      const dest = join(tree, rel);
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(src, dest);
      sources.set(rel, displayPath(src));
    };
    for (const rule of rules) {
      const src = resolve(fromRoot(), rule.path);
      stageFile(src, join('policies', relative(policiesDir, src)));
    }
    const libDir = join(policiesDir, 'lib');
    if (existsSync(libDir)) {
      for (const name of readdirSync(libDir, { recursive: true }) as string[]) {
        if (name.endsWith('.rego') && !name.endsWith('_test.rego')) stageFile(join(libDir, name), join('policies', 'lib', name));
      }
    }

    const dispatch: Required<ParapetMetadata['dispatch']> = { resource: {}, account: {}, batch: {} };
    const byType = new Map<string, RuleMetadata[]>();
    const byProvider = new Map<string, RuleMetadata[]>();
    for (const rule of rules) {
      if (rule.scope === 'account') {
        const provider = rule.id.split('.')[0]!;
        byProvider.set(provider, [...(byProvider.get(provider) ?? []), rule]);
      } else {
        for (const type of rule.resource_types) byType.set(type, [...(byType.get(type) ?? []), rule]);
      }
    }
    const modules: Array<[string, string]> = [];
    for (const [type, typeRules] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
      const key = typeKey(type);
      modules.push([`resource/${key}.rego`, dispatchModule(`parapet.dispatch.resource.${key}`, typeRules, true)]);
      dispatch.resource[type] = `parapet/dispatch/resource/${key}/results`;
      dispatch.batch[type] = `parapet/dispatch/resource/${key}/batch`;
    }
    for (const [provider, providerRules] of [...byProvider].sort(([a], [b]) => a.localeCompare(b))) {
      modules.push([`account/${provider}.rego`, dispatchModule(`parapet.dispatch.account.${provider}`, providerRules)]);
      dispatch.account[provider as 'aws'] = `parapet/dispatch/account/${provider}/results`;
    }
    for (const [rel, text] of modules) {
      const file = join(tree, 'dispatch', rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }

    const frameworks: ParapetMetadata['frameworks'] = {};
    for (const id of def.frameworks) {
      const { name, version, controls } = catalogs.get(id)!;
      frameworks[id] = { name, version, controls };
    }
    const revision = `${def.name}@${def.version}`;
    const parapet: ParapetMetadata = {
      bundle: { name: def.name, version: def.version, ...(def.description ? { description: def.description } : {}), opa_version: OPA_VERSION },
      frameworks,
      rules,
      dispatch,
    };
    const manifest: BundleManifest = { revision, roots: ['parapet'], rego_version: 1, metadata: { parapet } };
    writeFileSync(join(tree, '.manifest'), JSON.stringify(manifest));

    const entrypoints = [
      ...Object.values(dispatch.resource), ...Object.values(dispatch.batch), ...Object.values(dispatch.account), ...(def.entrypoints ?? []),
    ];
    const built = join(stage, 'bundle.tar.gz');
    const args = ['build', '-b', '.', '-t', 'wasm', '--capabilities', capabilities, '--revision', revision, '-o', built];
    for (const e of entrypoints) args.push('-e', e);
    try {
      await runOpa(args, { cwd: tree });
    } catch (err) {
      throw new ParapetError('bundle_build_failed', `bundle ${revision} does not compile: ${nameSources((err as Error).message, sources)}`, { cause: err });
    }

    // opa build keeps our manifest metadata and adds the wasm entrypoints; check it did.
    const archive = await readArchive(built, { source: displayPath(built) });
    const out = JSON.parse(archive.entries.find((e) => e.path === '.manifest')!.data.toString('utf8')) as BundleManifest;
    const compiled = new Set((out.wasm ?? []).map((w) => w.entrypoint));
    const missing = entrypoints.filter((e) => !compiled.has(e));
    if (!out.metadata?.parapet || missing.length > 0 || out.revision !== revision) {
      throw new ParapetError('bundle_build_failed', `opa build dropped part of the manifest (missing entrypoints: ${missing.join(', ') || 'none'})`);
    }

    let bytes = archive.bytes;
    if (options.signingKey) {
      bytes = (await signBundle(bytes, { privateKey: options.signingKey, algorithm: options.signingAlg, keyId: options.keyId })).bytes;
    }
    const outDir = resolve(options.outDir ?? fromRoot('out', 'bundles'));
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `${def.name}-${def.version}.tar.gz`);
    // Write beside it and rename: a reader (another build, a scan) never sees half an archive.
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return {
      file,
      digest: sha256Digest(bytes),
      bytes: bytes.length,
      rules: rules.length,
      entrypoints,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Rewrites staged paths in compiler output to the rule files people edit. */
function nameSources(message: string, sources: Map<string, string>): string {
  let out = message;
  for (const [staged, source] of sources) out = out.split(staged).join(source);
  return out.replace(new RegExp(`${basename(tmpdir())}/parapet-build-[^/]+/bundle/`, 'g'), '');
}
