/**
 * Reads every rule's `# METADATA` block under a policies folder (through OPA's own
 * parser, `opa inspect --annotations`) and checks it against the rule contract of
 * ARCHITECTURE.md. Every problem names the rule's file; all of them are reported at once.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ParapetError } from '../../common/errors.js';
import { runOpa } from '../../common/opa.js';
import { repoRoot } from '../../common/paths.js';
import { SEVERITIES, type FrameworkCatalog, type RuleMetadata, type Severity } from './types.js';

const PROVIDERS = ['aws', 'gcp', 'azure'] as const;
const CUSTOM_KEYS = new Set(['id', 'severity', 'resource_types', 'scope', 'facts', 'frameworks', 'remediation']);
const REMEDIATION_KEYS = new Set(['text', 'cli', 'terraform', 'fix']);

/**
 * Control ids a rule may cite that the catalog lists under another id. PCI DSS 4.0
 * numbers the multi-tenant provider requirement both ways across its own documents.
 */
const CONTROL_ALIASES: Record<string, Record<string, string>> = {
  'pci-dss-4.0': { 'A3.3.1.2': 'A3.3.1.1' },
};

/** Framework catalogs under `<policiesDir>/frameworks/<id>/catalog.json`, by id. */
export function loadCatalogs(frameworksDir: string): Map<string, FrameworkCatalog> {
  const catalogs = new Map<string, FrameworkCatalog>();
  if (!existsSync(frameworksDir)) return catalogs;
  for (const id of readdirSync(frameworksDir).sort()) {
    const file = join(frameworksDir, id, 'catalog.json');
    if (!existsSync(file)) continue;
    let catalog: FrameworkCatalog;
    try {
      catalog = JSON.parse(readFileSync(file, 'utf8')) as FrameworkCatalog;
    } catch (err) {
      throw new ParapetError('catalog_invalid', `${displayPath(file)}: not valid JSON (${(err as Error).message})`);
    }
    if (catalog.id !== id || !Array.isArray(catalog.controls)) {
      throw new ParapetError(
        'catalog_invalid',
        `${displayPath(file)}: expected {"id": "${id}", "controls": [...]}, found id ${JSON.stringify(catalog.id)}`,
      );
    }
    catalogs.set(id, catalog);
  }
  return catalogs;
}

/** The catalog's id for a control a rule cites (resolving known aliases). */
export function canonicalControlId(framework: string, control: string): string {
  return CONTROL_ALIASES[framework]?.[control] ?? control;
}

export interface LoadRuleMetadataOptions {
  /** Where the catalogs are; default `<dir>/frameworks`. */
  frameworksDir?: string;
}

/** Every rule under `dir` (a `policies/` folder), validated; throws `policy_metadata_invalid` listing each problem. */
export async function loadRuleMetadata(dir: string, options: LoadRuleMetadataOptions = {}): Promise<RuleMetadata[]> {
  const root = resolve(dir);
  const catalogs = loadCatalogs(options.frameworksDir ?? join(root, 'frameworks'));
  const files = ruleFiles(root);
  const annotations = await packageAnnotations(root);
  const problems: string[] = [];
  const rules: RuleMetadata[] = [];
  const byId = new Map<string, string>();

  for (const file of files) {
    const shown = displayPath(file);
    const fileProblems: string[] = [];
    const fail = (msg: string) => fileProblems.push(`${shown}: ${msg}`);
    const rel = relative(root, file).split(sep);
    if (rel.length !== 3 || !(PROVIDERS as readonly string[]).includes(rel[0]!)) {
      fail(`a rule lives at <provider>/<service>/<rule>.rego with provider ${PROVIDERS.join('|')}`);
      problems.push(...fileProblems);
      continue;
    }
    const [provider, service] = rel as [string, string, string];
    const stem = basename(file, '.rego');
    const expectedId = `${provider}.${service}.${stem}`;
    const expectedPackage = `parapet.rules.${expectedId}`;
    if (!existsSync(join(dirname(file), `${stem}_test.rego`))) fail(`missing its test file ${stem}_test.rego beside it`);
    if (!/^deny\s+contains\b/m.test(readFileSync(file, 'utf8'))) fail('defines no `deny contains ...` rule');

    const found = annotations.get(file);
    if (!found) {
      fail('has no package-scoped # METADATA block above its package');
      problems.push(...fileProblems);
      continue;
    }
    if (found.pkg !== expectedPackage) fail(`package is ${found.pkg}; expected ${expectedPackage}`);
    const meta = found.annotations;
    const custom = isObject(meta.custom) ? meta.custom : undefined;
    if (!nonEmptyString(meta.title)) fail('metadata needs a title');
    if (!nonEmptyString(meta.description)) fail('metadata needs a description');
    if (!custom) {
      fail('metadata needs a custom: block (id, severity, resource_types, scope, frameworks, remediation)');
      problems.push(...fileProblems);
      continue;
    }
    for (const key of Object.keys(custom)) if (!CUSTOM_KEYS.has(key)) fail(`unknown custom field "${key}"`);
    if (!nonEmptyString(custom.id)) fail('custom.id is missing');
    else if (custom.id !== expectedId) fail(`custom.id "${custom.id}" must be "${expectedId}" (<provider>.<service>.<file stem>)`);
    if (!SEVERITIES.includes(custom.severity as Severity)) {
      fail(`custom.severity ${JSON.stringify(custom.severity)} must be one of ${SEVERITIES.join(', ')}`);
    }
    if (!isStringList(custom.resource_types) || custom.resource_types.length === 0) {
      fail('custom.resource_types must be a non-empty list of resource types');
    }
    if (custom.scope !== 'resource' && custom.scope !== 'account') {
      fail(`custom.scope ${JSON.stringify(custom.scope)} must be resource or account`);
    }
    if (custom.facts !== undefined && !isStringList(custom.facts)) fail('custom.facts must be a list of resource types');
    const frameworks: Record<string, string[]> = {};
    if (!isObject(custom.frameworks) || Object.keys(custom.frameworks).length === 0) {
      fail('custom.frameworks must map at least one framework id to its control ids');
    } else {
      for (const [framework, controls] of Object.entries(custom.frameworks)) {
        const catalog = catalogs.get(framework);
        if (!catalog) {
          fail(`unknown framework "${framework}" (no frameworks/${framework}/catalog.json)`);
          continue;
        }
        if (!isStringList(controls) || controls.length === 0) {
          fail(`custom.frameworks.${framework} must be a non-empty list of control ids`);
          continue;
        }
        const known = new Set(catalog.controls.map((c) => c.id));
        frameworks[framework] = [];
        for (const control of controls) {
          const id = canonicalControlId(framework, control);
          if (!known.has(id)) fail(`control "${control}" is not in the ${framework} catalog`);
          else if (!frameworks[framework]!.includes(id)) frameworks[framework]!.push(id);
        }
      }
    }
    const remediation = custom.remediation;
    if (!isObject(remediation) || !nonEmptyString(remediation.text)) {
      fail('custom.remediation.text is missing');
    } else {
      for (const [key, value] of Object.entries(remediation)) {
        if (!REMEDIATION_KEYS.has(key)) fail(`unknown custom.remediation field "${key}"`);
        else if (!nonEmptyString(value)) fail(`custom.remediation.${key} must be a non-empty string`);
      }
    }
    if (typeof custom.id === 'string') {
      const other = byId.get(custom.id);
      if (other) fail(`duplicate rule id "${custom.id}" (also in ${other})`);
      else byId.set(custom.id, shown);
    }
    if (fileProblems.length > 0) {
      problems.push(...fileProblems);
      continue;
    }
    rules.push({
      id: custom.id as string,
      title: meta.title as string,
      description: meta.description as string,
      severity: custom.severity as Severity,
      resource_types: custom.resource_types as string[],
      scope: custom.scope as 'resource' | 'account',
      facts: (custom.facts as string[] | undefined) ?? [],
      frameworks,
      remediation: remediation as unknown as RuleMetadata['remediation'],
      package: expectedPackage,
      path: displayPath(file),
    });
  }
  if (problems.length > 0) {
    throw new ParapetError(
      'policy_metadata_invalid',
      `${problems.length} problem(s) in rule metadata:\n  ${problems.join('\n  ')}`,
      { details: problems },
    );
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

/** Rule sources: every `.rego` except tests, `lib/` and `frameworks/`. */
export function ruleFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (dir === root && (name === 'lib' || name === 'frameworks')) continue;
        walk(full);
      } else if (name.endsWith('.rego') && !name.endsWith('_test.rego')) out.push(full);
    }
  };
  walk(root);
  return out;
}

interface PackageAnnotation {
  pkg: string;
  annotations: Record<string, unknown>;
}

/** Package-scoped annotations by absolute file path, from OPA's parser. */
async function packageAnnotations(root: string): Promise<Map<string, PackageAnnotation>> {
  let out: string;
  try {
    out = await runOpa(['inspect', '--annotations', '--format', 'json', root]);
  } catch (err) {
    throw new ParapetError('policy_parse_error', `policies under ${displayPath(root)} do not parse: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const parsed = JSON.parse(out) as {
    annotations?: Array<{
      annotations: Record<string, unknown> & { scope?: string };
      location: { file: string };
      path: Array<{ value: string }>;
    }>;
  };
  const map = new Map<string, PackageAnnotation>();
  for (const entry of parsed.annotations ?? []) {
    if (entry.annotations.scope !== 'package') continue;
    const file = isAbsolute(entry.location.file) ? entry.location.file : resolve(root, entry.location.file);
    map.set(file, { pkg: entry.path.slice(1).map((p) => p.value).join('.'), annotations: entry.annotations });
  }
  return map;
}

/** A path as people should read it: relative to the repository when inside it. */
export function displayPath(file: string): string {
  const rel = relative(repoRoot, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}
function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every(nonEmptyString);
}
