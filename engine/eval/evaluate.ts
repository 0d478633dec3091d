/**
 * The streaming evaluator over an inventory file, in two passes:
 * 1. collect, per account, only the resources of `facts` types and of account-scope
 *    rule types (and count resources, for progress);
 * 2. stream every resource through its type's dispatch entrypoint in batches (bounded
 *    in flight), then run each provider's account entrypoint once per account.
 * Inputs are exactly ARCHITECTURE.md's. Outcomes go to `onOutcome` as they are decided
 * (awaited, so a slow writer slows the reader): nothing holds the whole estate.
 */
import type { Provider, Resource } from '../../collectors/schema/inventory.js';
import { openInventory, type InventoryItem } from '../../collectors/schema/read.js';
import type { LoadedBundle, RuleMetadata, Severity } from '../bundle/types.js';
import { Rollup, type RollupResult } from '../findings/rollup.js';
import type { Outcome } from '../findings/types.js';
import { EvalPool, type EvalItem, type ItemResult, type PoolOptions } from './pool.js';

export const INVALID_RULE_ID = 'parapet.inventory.invalid';

export interface Progress {
  done: number;
  total?: number;
  /** Resources a second. */
  rate: number;
}

export interface EvaluateOptions extends PoolOptions {
  bundle: LoadedBundle;
  /** Inventory path (NDJSON or JSON, `.gz` too); read twice. */
  inventory: string;
  /** time.now_ns for the whole run, in nanoseconds. */
  nowNs: bigint;
  onOutcome: (outcome: Outcome) => void | Promise<void>;
  onProgress?: (progress: Progress) => void;
  batchSize?: number;
  /** An existing pool to use (left open); otherwise one is made and closed. */
  pool?: EvalPool;
}

export interface InvalidRecord {
  line: number;
  id?: string;
  errors: string[];
}

export interface EvaluateSummary {
  resources: number;
  evaluated: number;
  /** The first 100 invalid records; `invalidCount` counts them all. */
  invalid: InvalidRecord[];
  invalidCount: number;
  rollup: RollupResult;
  durationMs: number;
}

interface DenyEntry {
  msg?: unknown;
  resource?: unknown;
  evidence?: unknown;
}

type ResultSet = Array<{ result?: Record<string, DenyEntry[]> }>;

const accountKey = (provider: string, account: string) => `${provider}\u0000${account}`;

export async function evaluateInventory(options: EvaluateOptions): Promise<EvaluateSummary> {
  const started = Date.now();
  const { bundle, nowNs } = options;
  const meta = bundle.parapet;
  const batchSize = options.batchSize ?? 128;

  const resourceRules = new Map<string, RuleMetadata[]>();
  const factTypesOf = new Map<string, Set<string>>();
  const accountRules = new Map<Provider, RuleMetadata[]>();
  const accountTypes = new Map<Provider, Set<string>>();
  for (const rule of meta.rules) {
    if (rule.scope === 'resource') {
      for (const type of rule.resource_types) {
        resourceRules.set(type, [...(resourceRules.get(type) ?? []), rule]);
        const facts = factTypesOf.get(type) ?? new Set<string>();
        rule.facts.forEach((f) => facts.add(f));
        factTypesOf.set(type, facts);
      }
    } else {
      const provider = providerOf(rule);
      accountRules.set(provider, [...(accountRules.get(provider) ?? []), rule]);
      const types = accountTypes.get(provider) ?? new Set<string>();
      [...rule.resource_types, ...rule.facts].forEach((t) => types.add(t));
      accountTypes.set(provider, types);
    }
  }
  const allFactTypes = new Set([...factTypesOf.values()].flatMap((s) => [...s]));

  // Pass 1: account-mates that inputs need, and the accounts present.
  const mates = new Map<string, Map<string, Resource[]>>();
  const accounts = new Map<string, { provider: Provider; id: string }>();
  let total = 0;
  for await (const item of (await openInventory(options.inventory)).items) {
    if (item.kind !== 'resource') continue;
    total++;
    const r = item.resource;
    const key = accountKey(r.provider, r.account);
    if (!accounts.has(key)) accounts.set(key, { provider: r.provider, id: r.account });
    if (allFactTypes.has(r.type) || accountTypes.get(r.provider)?.has(r.type)) {
      let byType = mates.get(key);
      if (!byType) mates.set(key, (byType = new Map()));
      const list = byType.get(r.type);
      if (list) list.push(r);
      else byType.set(r.type, [r]);
    }
  }

  const pool = options.pool ?? new EvalPool({ key: bundle.digest, wasm: bundle.wasm, data: bundle.data }, options);
  const rollup = new Rollup();
  const invalid: InvalidRecord[] = [];
  let invalidCount = 0;
  let done = 0;
  let evaluated = 0;
  const emit = async (o: Outcome) => {
    rollup.add(o);
    await options.onOutcome(o);
  };
  const progress = () => {
    const seconds = (Date.now() - started) / 1000;
    options.onProgress?.({ done, total, rate: seconds > 0 ? done / seconds : 0 });
  };

  try {
    // Pass 2: resources through their type's dispatch entrypoint.
    let batch: Array<{ resource: Resource; rules: RuleMetadata[] }> = [];
    let items: EvalItem[] = [];
    const inFlight: Array<Promise<void>> = [];
    const maxInFlight = pool.threads * 2;
    const flush = async () => {
      if (items.length === 0) return;
      const thisBatch = batch;
      const pending = pool.evaluate(items, nowNs).then(async (results) => {
        for (let i = 0; i < results.length; i++) await emitResource(thisBatch[i].resource, thisBatch[i].rules, results[i], emit);
        done += thisBatch.length;
        evaluated += thisBatch.length;
        progress();
      });
      batch = [];
      items = [];
      inFlight.push(pending);
      if (inFlight.length >= maxInFlight) await inFlight.shift();
    };
    for await (const item of (await openInventory(options.inventory)).items) {
      if (item.kind === 'invalid') {
        invalidCount++;
        if (invalid.length < 100) invalid.push({ line: item.line, id: item.id, errors: item.errors });
        await emit(invalidOutcome(item));
        continue;
      }
      const r = item.resource;
      const rules = resourceRules.get(r.type);
      const entrypoint = meta.dispatch.resource[r.type];
      if (!rules || !entrypoint) {
        done++;
        continue;
      }
      const byType = mates.get(accountKey(r.provider, r.account));
      const facts: Record<string, Resource[]> = {};
      for (const t of factTypesOf.get(r.type) ?? []) facts[t] = byType?.get(t) ?? [];
      batch.push({ resource: r, rules });
      items.push({ entrypoint, input: JSON.stringify({ resource: r, facts }) });
      if (items.length >= batchSize) await flush();
    }
    await flush();
    await Promise.all(inFlight);

    // Account-scope rules: one evaluation per account and provider.
    for (const [key, account] of accounts) {
      const rules = accountRules.get(account.provider);
      const entrypoint = meta.dispatch.account[account.provider];
      if (!rules || !entrypoint) continue;
      const byType = mates.get(key);
      const resources: Record<string, Resource[]> = {};
      for (const t of accountTypes.get(account.provider) ?? []) resources[t] = byType?.get(t) ?? [];
      const [result] = await pool.evaluate([{ entrypoint, input: JSON.stringify({ account, resources }) }], nowNs);
      await emitAccount(account, rules, resources, result, emit);
    }
  } finally {
    if (!options.pool) await pool.close();
  }
  progress();
  return { resources: total, evaluated, invalid, invalidCount, rollup: rollup.result(meta), durationMs: Date.now() - started };
}

function providerOf(rule: RuleMetadata): Provider {
  const p = rule.id.split('.')[0];
  return (p === 'gcp' || p === 'azure' ? p : 'aws') as Provider;
}

function invalidOutcome(item: Extract<InventoryItem, { kind: 'invalid' }>): Outcome {
  const provider = (['aws', 'gcp', 'azure'].includes(item.provider ?? '') ? item.provider : 'aws') as Provider;
  return {
    rule_id: INVALID_RULE_ID,
    resource_id: item.id ?? `inventory:line:${item.line}`,
    resource_type: item.type ?? 'unknown',
    provider, account: item.account ?? 'unknown', region: item.region ?? 'unknown',
    status: 'ERROR', severity: 'info' as Severity,
    error: `inventory record ${item.line} fails the schema: ${item.errors.join('; ')}`,
  };
}

function denyEntries(result: ItemResult, ruleId: string): DenyEntry[] | string {
  if (!result.ok) return result.error;
  const set = result.value as ResultSet;
  const value = set[0]?.result;
  if (!value || typeof value !== 'object') return 'the dispatch entrypoint returned no result';
  const entries = value[ruleId];
  if (!Array.isArray(entries)) return `the dispatch result has no entry for ${ruleId}`;
  return entries;
}

function failFields(entries: DenyEntry[]): Pick<Outcome, 'message' | 'evidence'> {
  return {
    message: entries.map((e) => (typeof e.msg === 'string' ? e.msg : JSON.stringify(e.msg ?? e))).join('; '),
    evidence: entries.map((e) => e.evidence ?? {}),
  };
}

async function emitResource(resource: Resource, rules: RuleMetadata[], result: ItemResult, emit: (o: Outcome) => Promise<void>) {
  for (const rule of rules) {
    const base = {
      rule_id: rule.id, resource_id: resource.id, resource_type: resource.type, provider: resource.provider,
      account: resource.account, region: resource.region, severity: rule.severity,
    };
    const entries = denyEntries(result, rule.id);
    if (typeof entries === 'string') await emit({ ...base, status: 'ERROR', error: entries });
    else if (entries.length === 0) await emit({ ...base, status: 'PASS' });
    else await emit({ ...base, status: 'FAIL', ...failFields(entries) });
  }
}

async function emitAccount(
  account: { provider: Provider; id: string },
  rules: RuleMetadata[],
  resources: Record<string, Resource[]>,
  result: ItemResult,
  emit: (o: Outcome) => Promise<void>,
) {
  const byId = new Map<string, Resource>();
  for (const list of Object.values(resources)) for (const r of list) byId.set(r.id, r);
  const accountId = `${account.provider}:account:${account.id}`;
  for (const rule of rules) {
    const base = { rule_id: rule.id, provider: account.provider, account: account.id, severity: rule.severity };
    const entries = denyEntries(result, rule.id);
    if (typeof entries === 'string') {
      await emit({ ...base, resource_id: accountId, resource_type: 'account', region: 'global', status: 'ERROR', error: entries });
      continue;
    }
    if (entries.length === 0) {
      await emit({ ...base, resource_id: accountId, resource_type: 'account', region: 'global', status: 'PASS' });
      continue;
    }
    const grouped = new Map<string, DenyEntry[]>();
    for (const e of entries) {
      const id = typeof e.resource === 'string' ? e.resource : accountId;
      const list = grouped.get(id);
      if (list) list.push(e);
      else grouped.set(id, [e]);
    }
    for (const [id, list] of grouped) {
      const r = byId.get(id);
      await emit({
        ...base, resource_id: id, resource_type: r?.type ?? (id === accountId ? 'account' : rule.resource_types[0]),
        region: r?.region ?? 'global', status: 'FAIL', ...failFields(list),
      });
    }
  }
}
