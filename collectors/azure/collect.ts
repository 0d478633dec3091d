/**
 * The Azure collector: Azure Resource Graph over subscriptions (at most 300 a
 * query) or management groups, paged by `$skipToken` at 1000 rows a page,
 * paced by the user quota headers, throttling (429 + Retry-After) and 5xx
 * retried with backoff and jitter. Rows stream straight to the inventory.
 * A batch whose query still fails leaves its subscriptions `complete: false`.
 */
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/core-auth';
import { ParapetError, errorMessage } from '../../common/errors.js';
import type { InventoryWriter } from '../common/inventory-writer.js';
import { createProgress, type Progress } from '../common/progress.js';
import { httpStatusOf, isTransientError, withRetry, type RetryOptions } from '../common/retry.js';
import type { Source, SourceError } from '../schema/inventory.js';
import { rowToResource } from './normalize.js';
import { SUBSCRIPTION_POLICY, factsOf, needsFacts, type ArmGet, type FactParent } from './arm-facts.js';
import { QuotaPacer, parseRetryAfter, type HeaderBag } from './quota.js';

export type ResourceGraphClientOptions = NonNullable<ConstructorParameters<typeof ResourceGraphClient>[1]>;

/** One Resource Graph query the collector runs for each scope. */
export interface GraphQuery {
  table: string;
  query: string;
}

const SECURITY_TYPES = [
  'microsoft.security/pricings', // Defender plans (CIS 2.1.x)
  'microsoft.security/autoprovisioningsettings',
  'microsoft.security/securitycontacts',
  'microsoft.security/settings', // MCAS / WDATP integration
  'microsoft.security/assessments', // Defender recommendations (e.g. system updates, endpoint protection)
];

/**
 * The tables CIS Azure needs from Resource Graph: every ARM resource, the
 * subscriptions / resource groups / management groups, Defender for Cloud
 * settings and assessments, custom role definitions and role assignments,
 * policy assignments, App Service site configurations.
 * Sorted by id so `$skipToken` pages are stable.
 */
export const DEFAULT_QUERIES: GraphQuery[] = [
  { table: 'resources', query: 'resources' },
  { table: 'resourcecontainers', query: 'resourcecontainers' },
  { table: 'securityresources', query: `securityresources | where type in~ (${SECURITY_TYPES.map((t) => `'${t}'`).join(', ')})` },
  { table: 'authorizationresources', query: "authorizationresources | where type =~ 'microsoft.authorization/roleassignments' or (type =~ 'microsoft.authorization/roledefinitions' and tostring(properties.type) =~ 'CustomRole')" },
  { table: 'policyresources', query: "policyresources | where type =~ 'microsoft.authorization/policyassignments'" },
  { table: 'appserviceresources', query: "appserviceresources | where type =~ 'microsoft.web/sites/config/web'" },
].map((q) => ({ ...q, query: `${q.query} | order by id asc` }));

export const AZURE_COLLECTOR = 'azure-resource-graph';
export const MAX_SUBSCRIPTIONS_PER_QUERY = 300;
export const MAX_PAGE_ROWS = 1000;

export interface AzureCollectOptions {
  subscriptions?: string[];
  managementGroups?: string[];
  writer: InventoryWriter;
  /** A ready client, or a credential (default: DefaultAzureCredential) and client options. */
  client?: ResourceGraphClient;
  credential?: TokenCredential;
  clientOptions?: ResourceGraphClientOptions;
  queries?: GraphQuery[];
  pageSize?: number;
  batchSize?: number;
  progress?: Progress;
  retry?: Pick<RetryOptions, 'attempts' | 'baseMs' | 'maxDelayMs' | 'random'>;
  /** Told when the quota makes the collector wait (ms). */
  onQuotaWait?: (ms: number) => void;
  /** Also read the ARM facts Resource Graph does not hold (arm-facts.ts); default true. */
  facts?: boolean;
  /** ARM GETs in flight at once for the facts. */
  factConcurrency?: number;
}

const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MANAGEMENT_GROUP_ID = /^[A-Za-z0-9._()-]{1,90}$/;

/** Creates the client with the pipeline's own retries off: the collector retries, counts and paces. */
export async function createResourceGraphClient(credential?: TokenCredential, options: ResourceGraphClientOptions = {}): Promise<ResourceGraphClient> {
  const cred = credential ?? new (await import('@azure/identity')).DefaultAzureCredential();
  return new ResourceGraphClient(cred as never, { noRetryPolicy: true, ...options });
}

interface Scope {
  /** Sources this query feeds, keyed by the subscription id (lower-case) or management group. */
  label: string;
  subscriptions?: string[];
  managementGroups?: string[];
  sources: Map<string, Source>;
}

function responseHeaders(err: unknown): HeaderBag | undefined {
  return (err as { response?: { headers?: HeaderBag } } | null)?.response?.headers;
}

interface ArmResponse { status: number; headers: HeaderBag; parsedBody?: unknown; bodyAsText?: string | null }

/** A failed ARM response as an error the retry and the source errors understand. */
function armError(res: ArmResponse, url: string): Error {
  let code = `HTTP ${res.status}`;
  let message = `GET ${url.replace(/\?.*$/, '')} answered ${res.status}`;
  const body = (res.parsedBody ?? {}) as { error?: { code?: string; message?: string } };
  if (body.error?.code) code = body.error.code;
  if (body.error?.message) message += `: ${body.error.message}`;
  return Object.assign(new Error(message), { code, statusCode: res.status, response: { headers: res.headers } });
}

function isRetryableAzureError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return isTransientError(err) || code === 'REQUEST_SEND_ERROR' || code === 'ECONNRESET';
}

function azureErrorCode(err: unknown): string {
  const e = err as { code?: unknown; statusCode?: number } | null;
  if (typeof e?.code === 'string' && e.code) return e.code;
  const status = httpStatusOf(err);
  return status ? `HTTP ${status}` : 'error';
}

export async function collectAzure(options: AzureCollectOptions): Promise<Source[]> {
  const subscriptions = [...new Set((options.subscriptions ?? []).map((s) => s.trim().toLowerCase()))];
  const managementGroups = [...new Set(options.managementGroups ?? [])];
  if (subscriptions.length === 0 && managementGroups.length === 0) {
    throw new ParapetError('azure_no_scope', 'name at least one subscription or management group');
  }
  for (const s of subscriptions) if (!SUBSCRIPTION_ID.test(s)) throw new ParapetError('azure_bad_scope', `not a subscription id (a GUID): ${JSON.stringify(s)}`);
  for (const g of managementGroups) if (!MANAGEMENT_GROUP_ID.test(g)) throw new ParapetError('azure_bad_scope', `not a management group id: ${JSON.stringify(g)}`);

  const batchSize = Math.min(Math.max(options.batchSize ?? MAX_SUBSCRIPTIONS_PER_QUERY, 1), MAX_SUBSCRIPTIONS_PER_QUERY);
  const pageSize = Math.min(Math.max(options.pageSize ?? MAX_PAGE_ROWS, 1), MAX_PAGE_ROWS);
  const queries = options.queries ?? DEFAULT_QUERIES;
  const progress = options.progress ?? createProgress({ label: 'azure' });
  const client = options.client ?? await createResourceGraphClient(options.credential, options.clientOptions);
  const pacer = new QuotaPacer(options.onQuotaWait);
  const now = () => new Date().toISOString();

  const scopes: Scope[] = [];
  for (let i = 0; i < subscriptions.length; i += batchSize) {
    const batch = subscriptions.slice(i, i + batchSize);
    const sources = new Map(batch.map((s): [string, Source] => [s, { provider: 'azure', scope: `azure:subscriptions/${s}`, collector: AZURE_COLLECTOR, started_at: now(), complete: true, resource_count: 0 }]));
    scopes.push({ label: batch.length === 1 ? `subscriptions/${batch[0]}` : `subscriptions ${i + 1}-${i + batch.length} of ${subscriptions.length}`, subscriptions: batch, sources });
  }
  for (const group of managementGroups) {
    const source: Source = { provider: 'azure', scope: `azure:managementGroups/${group}`, collector: AZURE_COLLECTOR, started_at: now(), complete: true, resource_count: 0 };
    scopes.push({ label: `managementGroups/${group}`, managementGroups: [group], sources: new Map([[group, source]]) });
  }

  const retryOptions = {
    ...options.retry,
    isRetryable: isRetryableAzureError,
    // 429: the server's Retry-After, else the quota's refill time; others: backoff.
    retryAfterMs: (err: unknown) => httpStatusOf(err) === 429
      ? parseRetryAfter(responseHeaders(err)?.get('retry-after')) ?? pacer.resetsAfterMs(responseHeaders(err))
      : undefined,
    onRetry: () => progress.retry(),
  };
  const baseUri = (client as unknown as { baseUri?: string }).baseUri ?? 'https://management.azure.com';
  const armGet: ArmGet = (pathOrUrl, apiVersion) => withRetry(async () => {
    const url = /^https:\/\//.test(pathOrUrl) ? pathOrUrl : `${baseUri}${pathOrUrl}?api-version=${apiVersion}`;
    const res = await client.sendRequest({ method: 'GET', url }) as unknown as ArmResponse;
    if (res.status === 404) return undefined;
    if (res.status >= 200 && res.status < 300) return res.parsedBody ?? JSON.parse(res.bodyAsText || '{}');
    throw armError(res, url);
  }, retryOptions);
  let subscriptionPolicy: Promise<unknown> | undefined;

  for (const scope of scopes) {
    progress.scope(scope.label);
    const errors: SourceError[] = [];
    const parents: FactParent[] = [];
    const subscriptionsSeen = new Set<string>();
    // Fact errors belong to the subscription of the parent they were read for.
    const factErrors = new Map<string, SourceError[]>();
    for (const { table, query } of queries) {
      let skipToken: string | undefined;
      let page = 0;
      try {
        do {
          const request = {
            query,
            ...(scope.subscriptions ? { subscriptions: scope.subscriptions } : { managementGroups: scope.managementGroups }),
            options: { top: pageSize, resultFormat: 'objectArray' as const, ...(skipToken ? { skipToken } : {}) },
          };
          const response = await withRetry(async () => {
            await pacer.ready();
            try {
              const result = await client.resources(request);
              pacer.observe(result._response.headers);
              return result;
            } catch (err) {
              pacer.observe(responseHeaders(err));
              throw err;
            }
          }, retryOptions);
          progress.page();
          page++;
          const rows: unknown[] = Array.isArray(response.data) ? response.data : [];
          for (const row of rows) {
            const resource = rowToResource(row);
            if (!resource) continue;
            await options.writer.write(resource);
            progress.resources();
            const key = scope.subscriptions ? resource.account : scope.managementGroups![0]!;
            const source = scope.sources.get(key);
            if (source) source.resource_count!++;
            if (options.facts !== false) {
              const parent = needsFacts(resource);
              if (parent) parents.push(parent);
              if (resource.type === 'microsoft.resources/subscriptions') subscriptionsSeen.add(resource.account);
            }
          }
          skipToken = response.skipToken || undefined;
        } while (skipToken);
      } catch (err) {
        errors.push({ scope: `${scope.label} ${table}${page ? ` page ${page + 1}` : ''}`, code: azureErrorCode(err), message: errorMessage(err) });
      }
    }
    if (options.facts !== false) {
      const count = (account: string) => {
        const source = scope.sources.get(scope.subscriptions ? account : scope.managementGroups![0]!);
        if (source) source.resource_count!++;
      };
      // The tenant's subscription policy: read once, one fact per subscription (rules judge it per subscription).
      if (subscriptionsSeen.size) {
        subscriptionPolicy ??= armGet(SUBSCRIPTION_POLICY.path, SUBSCRIPTION_POLICY.apiVersion).catch((err: unknown) => err instanceof Error ? err : new Error(String(err)));
        const policy = await subscriptionPolicy;
        if (policy instanceof Error) {
          errors.push({ scope: SUBSCRIPTION_POLICY.path, code: (policy as { code?: string }).code ?? 'error', message: policy.message });
        } else if (policy) {
          for (const account of subscriptionsSeen) {
            await options.writer.write({ id: SUBSCRIPTION_POLICY.path.toLowerCase(), provider: 'azure', type: SUBSCRIPTION_POLICY.type, account, region: 'global', name: 'default', tags: {}, config: policy as Record<string, unknown> });
            progress.resources();
            count(account);
          }
        }
      }
      // ARM GETs for the parents, a few at a time; facts are written as each parent completes.
      let next = 0;
      const worker = async () => {
        while (next < parents.length) {
          const parent = parents[next++]!;
          const result = await factsOf(parent, armGet);
          for (const fact of result.facts) {
            await options.writer.write(fact);
            progress.resources();
            count(fact.account);
          }
          const key = scope.subscriptions ? parent.account : scope.managementGroups![0]!;
          if (result.errors.length) factErrors.set(key, [...(factErrors.get(key) ?? []), ...result.errors]);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.factConcurrency ?? 4) }, worker));
      parents.length = 0;
    }
    for (const [key, source] of scope.sources) {
      source.finished_at = now();
      const all = [...errors, ...(factErrors.get(key) ?? [])];
      if (all.length) {
        source.complete = false;
        source.errors = all;
      }
    }
  }
  return scopes.flatMap((s) => [...s.sources.values()]);
}
