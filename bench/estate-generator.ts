/**
 * Deterministic realistic estates for the scan benchmark, streamed to disk as
 * parapet.inventory/v1 NDJSON:
 *   node dist/bench/estate-generator.js <resources> <out.ndjson> [--seed 42]
 *
 * Templates are real-shaped resources of every type the rule library covers: the
 * example estate (examples/estate, imported as `parapet collect import` would) and
 * every resource the rules' tests pass as input (their pass and fail fixtures).
 * Each template is classified once by evaluating it with the `all` bundle: clean
 * (no rule denies it) or misconfigured. An estate is then accounts of ~1,000
 * resources each (AWS half, GCP and Azure a quarter each), every account with one
 * of each account fact (password policy, credential report, project, subscription
 * settings, …) and the rest drawn by type with a realistic weight (volumes,
 * instances, security groups and buckets dominate; trails and key rings are
 * few), 20 % of them from misconfigured templates where a type has both. Ids,
 * names and account ids are rewritten so that every resource is unique.
 * Same repository, same size, same seed: the same bytes.
 */
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Provider, Resource } from '../collectors/schema/inventory.js';
import { INVENTORY_VERSION } from '../collectors/schema/inventory.js';
import { validators } from '../collectors/schema/validate.js';
import { importFiles } from '../collectors/import/import.js';
import { prng } from '../collectors/import/testing/estate.js';
import { runOpa } from '../common/opa.js';
import { fromRoot } from '../common/paths.js';
import { loadBundle } from '../engine/bundle/load.js';
import { parseRfc3339Ns } from '../engine/eval/builtins/time.js';
import { EvalPool } from '../engine/eval/pool.js';
import { allBundle } from './bundles.js';
import { isMain, log, parseFlags, numberList } from './common.js';

export const GENERATED_AT = '2026-11-02T08:00:00.000Z';
/** GENERATED_AT in nanoseconds: what time.now_ns returns while templates are classified and estates scanned. */
export const NOW_NS = parseRfc3339Ns(GENERATED_AT)!;
const ACCOUNT_SIZE = 1_000;
const MISCONFIGURED_SHARE = 0.2;

/** How many of a type a typical account holds, relative to one (types not listed: 1). */
const WEIGHTS: Record<string, number> = {
  'AWS::EC2::Volume': 40, 'AWS::EC2::Instance': 30, 'AWS::EC2::SecurityGroup': 25, 'AWS::S3::Bucket': 20,
  'AWS::IAM::Role': 15, 'AWS::IAM::Policy': 10, 'AWS::IAM::User': 6, 'AWS::EC2::NetworkAcl': 4, 'AWS::EC2::RouteTable': 6,
  'AWS::EC2::VPC': 3, 'AWS::RDS::DBInstance': 6, 'AWS::KMS::Key': 6, 'AWS::EFS::FileSystem': 3, 'AWS::EC2::FlowLog': 3,
  'compute.googleapis.com/Instance': 30, 'compute.googleapis.com/Disk': 35, 'storage.googleapis.com/Bucket': 20,
  'compute.googleapis.com/Firewall': 20, 'iam.googleapis.com/ServiceAccount': 10, 'iam.googleapis.com/ServiceAccountKey': 8,
  'compute.googleapis.com/Subnetwork': 6, 'bigquery.googleapis.com/Table': 10, 'bigquery.googleapis.com/Dataset': 4,
  'sqladmin.googleapis.com/Instance': 4, 'cloudkms.googleapis.com/CryptoKey': 5, 'cloudfunctions.googleapis.com/Function': 5,
  'microsoft.compute/virtualmachines': 30, 'microsoft.compute/disks': 35, 'microsoft.storage/storageaccounts': 20,
  'microsoft.network/networksecuritygroups': 20, 'microsoft.network/publicipaddresses': 8, 'microsoft.network/virtualnetworks': 4,
  'microsoft.keyvault/vaults': 5, 'microsoft.web/sites': 8, 'microsoft.sql/servers': 3, 'microsoft.sql/servers/databases': 6,
  'parapet.azure/diagnosticsetting': 10, 'parapet.azure/keyvaultkey': 6, 'parapet.azure/keyvaultsecret': 8,
};

/** Types of which an account has exactly one (account facts, the project or subscription itself, tenant settings). */
function singleton(type: string): boolean {
  return (
    type.startsWith('Parapet::') ||
    ['parapet.gcp/', 'microsoft.security/'].some((p) => type.startsWith(p)) ||
    ['parapet.azure/subscriptionpolicy', 'cloudresourcemanager.googleapis.com/Project', 'compute.googleapis.com/Project', 'microsoft.resources/subscriptions'].includes(type)
  );
}

export interface Template {
  type: string;
  provider: Provider;
  text: string;
  id: string;
  account: string;
  misconfigured: boolean;
}

function testFixtureModule(): { module: string; count: number } {
  const refs: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'lib' && name !== 'frameworks') walk(path);
        continue;
      }
      if (!name.endsWith('_test.rego')) continue;
      const text = readFileSync(path, 'utf8');
      const pkg = /^package\s+([\w.]+)/m.exec(text)?.[1];
      if (!pkg) continue;
      const names = new Set([...text.matchAll(/with input as ([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*[.[(])/g)].map((m) => m[1]!));
      for (const n of [...names].sort()) refs.push(`data.${pkg}.${n}`);
    }
  };
  walk(fromRoot('policies'));
  return { module: `package parapet_bench_fixtures\n\nfixtures := [\n${refs.map((r) => `\t${r},`).join('\n')}\n]\n`, count: refs.length };
}

/** Every resource-shaped object in a fixture value. */
function resourcesIn(value: unknown, out: unknown[]): void {
  if (Array.isArray(value)) return value.forEach((v) => resourcesIn(v, out));
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.id === 'string' && typeof o.type === 'string' && ['aws', 'gcp', 'azure'].includes(o.provider as string) && o.config && typeof o.config === 'object') {
    out.push(o);
    return;
  }
  for (const v of Object.values(o)) resourcesIn(v, out);
}

/** The templates, in a stable order, each classified by the `all` bundle. */
export async function loadTemplates(): Promise<Template[]> {
  const found: unknown[] = [];
  await importFiles([fromRoot('examples', 'estate')], { emit: async (r) => void found.push(r), cwd: fromRoot() });
  const work = mkdtempSync(join(tmpdir(), 'parapet-bench-fixtures-'));
  try {
    const { module } = testFixtureModule();
    writeFileSync(join(work, 'fixtures.rego'), module);
    const out = await runOpa(['eval', '--format', 'json', '-d', fromRoot('policies'), '-d', join(work, 'fixtures.rego'), 'data.parapet_bench_fixtures.fixtures']);
    const value = (JSON.parse(out) as { result: Array<{ expressions: Array<{ value: unknown }> }> }).result[0]!.expressions[0]!.value;
    resourcesIn(value, found);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const validate = validators().resource;
  const seen = new Set<string>();
  const candidates: Resource[] = [];
  for (const raw of found) {
    const r = { region: 'global', tags: {}, account: 'unknown', ...(raw as Partial<Resource>) } as Resource;
    if (typeof r.name !== 'string' || r.name === '') r.name = r.id.split(/[/:]/).pop() || r.id;
    if (!validate(r)) continue;
    const text = JSON.stringify(r);
    if (seen.has(text)) continue;
    seen.add(text);
    candidates.push(r);
  }

  const bundle = await loadBundle(await allBundle());
  const pool = new EvalPool({ key: bundle.digest, wasm: bundle.wasm, data: bundle.data });
  try {
    const dispatch = bundle.parapet.dispatch.resource;
    const templates: Template[] = [];
    const evaluable = candidates.filter((r) => dispatch[r.type]);
    const results = await pool.evaluate(evaluable.map((r) => ({ entrypoint: dispatch[r.type]!, input: JSON.stringify({ resource: r, facts: {} }) })), NOW_NS);
    const denied = new Map<Resource, boolean>();
    evaluable.forEach((r, i) => {
      const res = results[i]!;
      const value = res.ok ? ((res.value as Array<{ result?: Record<string, unknown[]> }>)[0]?.result ?? {}) : {};
      denied.set(r, Object.values(value).some((d) => Array.isArray(d) && d.length > 0));
    });
    for (const r of candidates) {
      // Types no resource rule reads (account facts, account-scope rule types) count as clean: their findings are per account.
      templates.push({ type: r.type, provider: r.provider, text: JSON.stringify(r), id: r.id, account: r.account, misconfigured: denied.get(r) ?? false });
    }
    return templates;
  } finally {
    await pool.close();
  }
}

interface TypePlan {
  type: string;
  weight: number;
  clean: Template[];
  bad: Template[];
}

function plan(templates: Template[], provider: Provider): { singletons: TypePlan[]; bulk: TypePlan[]; totalWeight: number } {
  const byType = new Map<string, Template[]>();
  for (const t of templates) if (t.provider === provider) byType.set(t.type, [...(byType.get(t.type) ?? []), t]);
  const singletons: TypePlan[] = [];
  const bulk: TypePlan[] = [];
  for (const [type, list] of [...byType].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const tp = { type, weight: WEIGHTS[type] ?? 1, clean: list.filter((t) => !t.misconfigured), bad: list.filter((t) => t.misconfigured) };
    (singleton(type) ? singletons : bulk).push(tp);
  }
  return { singletons, bulk, totalWeight: bulk.reduce((s, p) => s + p.weight, 0) };
}

function pickTemplate(tp: TypePlan, rand: () => number): Template {
  const list = tp.bad.length && (tp.clean.length === 0 || rand() < MISCONFIGURED_SHARE) ? tp.bad : tp.clean;
  return list[Math.floor(rand() * list.length)]!;
}

function accountId(provider: Provider, n: number): string {
  if (provider === 'aws') return String(100000000000 + n * 7919).padStart(12, '0');
  if (provider === 'gcp') return `bench-project-${String(n).padStart(5, '0')}`;
  const h = (n * 2654435761) >>> 0;
  return `${h.toString(16).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Rewrites a template's account and id (everywhere they appear in it) into a unique resource. */
function instantiate(t: Template, account: string, seq: number): string {
  let text = t.text;
  if (t.account && t.account !== 'unknown' && t.account.length >= 6) text = text.split(t.account).join(account);
  const id = t.account.length >= 6 ? t.id.split(t.account).join(account) : t.id;
  const unique = `${id}-${seq}`;
  text = text.split(JSON.stringify(id).slice(1, -1)).join(JSON.stringify(unique).slice(1, -1));
  const r = JSON.parse(text) as Resource;
  r.id = unique;
  r.account = account;
  return JSON.stringify(r);
}

export interface GenerateResult {
  resources: number;
  accounts: number;
  bytes: number;
  byProvider: Record<Provider, number>;
  templates: number;
  types: number;
}

/** Writes an estate of `n` resources to `file` (NDJSON, header first). */
export async function generateEstate(n: number, file: string, options: { seed?: number; templates?: Template[] } = {}): Promise<GenerateResult> {
  const templates = options.templates ?? (await loadTemplates());
  const rand = prng(options.seed ?? 42);
  const out = createWriteStream(file);
  let bytes = 0;
  let buffered: string[] = [];
  const write = async (line: string) => {
    buffered.push(line);
    if (buffered.length >= 512) await flush();
  };
  const flush = async () => {
    const chunk = buffered.join('\n') + '\n';
    buffered = [];
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const shares: Array<[Provider, number]> = [['aws', Math.floor(n / 2)], ['gcp', Math.floor(n / 4)], ['azure', n - Math.floor(n / 2) - Math.floor(n / 4)]];
  const header = {
    version: INVENTORY_VERSION, generated_at: GENERATED_AT,
    sources: shares.filter(([, c]) => c > 0).map(([provider, count]) => ({ provider, scope: `bench:${provider}`, collector: 'bench:estate-generator', started_at: GENERATED_AT, finished_at: GENERATED_AT, complete: true, resource_count: count })),
  };
  await write(JSON.stringify(header));
  let seq = 0;
  let accounts = 0;
  const byProvider = { aws: 0, gcp: 0, azure: 0 } as Record<Provider, number>;
  for (const [provider, count] of shares) {
    const p = plan(templates, provider);
    let left = count;
    for (let a = 0; left > 0; a++) {
      const account = accountId(provider, a);
      accounts++;
      let size = Math.min(left, ACCOUNT_SIZE);
      for (const tp of p.singletons) {
        if (size === 0) break;
        await write(instantiate(pickTemplate(tp, rand), account, seq++));
        size--;
        left--;
      }
      for (; size > 0; size--, left--) {
        let pick = rand() * p.totalWeight;
        let tp = p.bulk[p.bulk.length - 1]!;
        for (const b of p.bulk) {
          if ((pick -= b.weight) < 0) {
            tp = b;
            break;
          }
        }
        await write(instantiate(pickTemplate(tp, rand), account, seq++));
      }
    }
    byProvider[provider] = count;
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return { resources: n, accounts, bytes, byProvider, templates: templates.length, types: new Set(templates.map((t) => t.type)).size };
}

if (isMain(import.meta.url)) {
  const flags = parseFlags();
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1]?.startsWith('--') && !all[i - 1]!.includes('=')));
  const [size, file] = positional;
  if (!size || !file) {
    process.stderr.write('usage: estate-generator.js <resources, e.g. 100k> <out.ndjson> [--seed 42]\n');
    process.exit(2);
  }
  const started = Date.now();
  const result = await generateEstate(numberList(size, [])[0]!, file, { seed: flags.has('seed') ? Number(flags.get('seed')) : undefined });
  log(`wrote ${result.resources} resources in ${result.accounts} accounts (${result.types} types from ${result.templates} templates, ${(result.bytes / 2 ** 20).toFixed(0)} MiB) to ${relative(process.cwd(), file)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
