/**
 * The GCP collector: Cloud Asset `ListAssets` at organization, folder or
 * project scope. For each scope it lists, page by page, the Project assets
 * (to map project numbers to ids), then IAM_POLICY and ORG_POLICY content,
 * then RESOURCE content, attaching each asset's policies as its resource is
 * written. Memory holds the policies of a scope (not its resources) and one
 * page at a time. A scope whose listing still fails after retries is recorded
 * in its source with `complete: false`; what was read is kept.
 */
import { v1 } from '@google-cloud/asset';
import * as grpc from '@grpc/grpc-js';
import { ParapetError, errorMessage } from '../../common/errors.js';
import type { InventoryWriter } from '../common/inventory-writer.js';
import { createProgress, type Progress } from '../common/progress.js';
import { withRetry, type RetryOptions } from '../common/retry.js';
import type { Source, SourceError } from '../schema/inventory.js';
import { ProjectIds, assetToJson, toResource, type AssetJson } from './normalize.js';
import { ACCESS_APPROVAL_ENDPOINT, accessApprovalSettings, googleAuthGet, type HttpGet } from './access-approval.js';

export type GcpScopeKind = 'organization' | 'folder' | 'project';

export interface GcpScope {
  kind: GcpScopeKind;
  id: string;
}

export type AssetClient = InstanceType<typeof v1.AssetServiceClient>;
export type AssetClientOptions = ConstructorParameters<typeof v1.AssetServiceClient>[0];

export interface GcpCollectOptions {
  scopes: GcpScope[];
  writer: InventoryWriter;
  /** Only these asset types (Cloud Asset's own names); default all. */
  assetTypes?: string[];
  /** Assets a page; Cloud Asset allows at most 1000. */
  pageSize?: number;
  /** A ready client, or options for one (default: Google's default credentials). */
  client?: AssetClient;
  clientOptions?: AssetClientOptions;
  progress?: Progress;
  retry?: Pick<RetryOptions, 'attempts' | 'baseMs' | 'maxDelayMs' | 'random'>;
  /** Per-call deadline in ms. */
  timeoutMs?: number;
  /** Also read the per-project facts Cloud Asset does not record (Access Approval settings); default true. */
  facts?: boolean;
  accessApprovalEndpoint?: string;
  /** How the facts are fetched; default: through the client's Google auth. */
  httpGet?: HttpGet;
}

export const GCP_COLLECTOR = 'gcp-asset';
const PROJECT_TYPE = 'cloudresourcemanager.googleapis.com/Project';
type ContentType = 'RESOURCE' | 'IAM_POLICY' | 'ORG_POLICY';

/** gRPC codes a later attempt may not meet: RESOURCE_EXHAUSTED (quota), UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL. */
const RETRYABLE = new Set<number>([grpc.status.RESOURCE_EXHAUSTED, grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED, grpc.status.INTERNAL]);

export function isRetryableGrpcError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' && RETRYABLE.has(code);
}

function grpcCodeName(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? grpc.status[code] : undefined;
}

/** `organizations/123`, `folders/456`, `projects/my-project`: the ListAssets parent. */
export function parentOf(scope: GcpScope): string {
  if (!/^[A-Za-z0-9._:-]+$/.test(scope.id)) {
    throw new ParapetError('gcp_bad_scope', `not a valid ${scope.kind} id: ${JSON.stringify(scope.id)}`);
  }
  if ((scope.kind === 'organization' || scope.kind === 'folder') && !/^\d+$/.test(scope.id)) {
    throw new ParapetError('gcp_bad_scope', `a GCP ${scope.kind} id is a number, not ${JSON.stringify(scope.id)}`);
  }
  return `${scope.kind === 'organization' ? 'organizations' : scope.kind === 'folder' ? 'folders' : 'projects'}/${scope.id}`;
}

export async function collectGcp(options: GcpCollectOptions): Promise<Source[]> {
  if (options.scopes.length === 0) throw new ParapetError('gcp_no_scope', 'name at least one organization, folder or project');
  const parents = options.scopes.map(parentOf);
  const pageSize = Math.min(Math.max(options.pageSize ?? 1000, 1), 1000);
  const progress = options.progress ?? createProgress({ label: 'gcp' });
  const ownClient = options.client === undefined;
  const client = options.client ?? new v1.AssetServiceClient(options.clientOptions);
  const sources: Source[] = [];
  try {
    for (const parent of parents) {
      progress.scope(parent);
      sources.push(await collectScope(client, parent, pageSize, options, progress));
    }
  } finally {
    if (ownClient) await client.close();
  }
  return sources;
}

async function collectScope(client: AssetClient, parent: string, pageSize: number, options: GcpCollectOptions, progress: Progress): Promise<Source> {
  const source: Source = { provider: 'gcp', scope: `gcp:${parent}`, collector: GCP_COLLECTOR, started_at: new Date().toISOString(), complete: true };
  const errors: SourceError[] = [];
  const projects = new ProjectIds();
  const assetTypes = options.assetTypes ?? [];
  let written = 0;

  const list = async (contentType: ContentType, types: string[], each: (asset: AssetJson) => Promise<void> | void): Promise<boolean> => {
    let pageToken = '';
    do {
      const request = { parent, contentType, assetTypes: types, pageSize, pageToken };
      try {
        const [assets, , response] = await withRetry(
          () => client.listAssets(request, { autoPaginate: false, retry: null, timeout: options.timeoutMs ?? 60_000 }),
          { ...options.retry, isRetryable: isRetryableGrpcError, onRetry: () => progress.retry() },
        );
        progress.page();
        for (const asset of assets) await each(assetToJson(asset));
        pageToken = response?.nextPageToken ?? '';
      } catch (err) {
        errors.push({ scope: `${parent} ${contentType}${pageToken ? ' page ' + pageToken : ''}`, code: grpcCodeName(err) ?? 'error', message: errorMessage(err) });
        return false;
      }
    } while (pageToken);
    return true;
  };

  // Project ids first, so every later asset's account can be the project id.
  await list('RESOURCE', [PROJECT_TYPE], (asset) => projects.learn(asset));

  const policies = new Map<string, AssetJson>();
  await list('IAM_POLICY', assetTypes, (asset) => {
    if (asset.iamPolicy) policies.set(asset.name, { ...(policies.get(asset.name) ?? asset), iamPolicy: asset.iamPolicy });
  });
  await list('ORG_POLICY', assetTypes, (asset) => {
    if (asset.orgPolicy?.length) policies.set(asset.name, { ...(policies.get(asset.name) ?? asset), orgPolicy: asset.orgPolicy });
  });

  const resourcesComplete = await list('RESOURCE', assetTypes, async (asset) => {
    const held = policies.get(asset.name);
    if (held) policies.delete(asset.name);
    const merged: AssetJson = { ...asset, iamPolicy: held?.iamPolicy, orgPolicy: held?.orgPolicy };
    await options.writer.write(toResource(merged, projects));
    written++;
    progress.resources();
  });
  // Policies on assets that have no RESOURCE content of their own are still facts a rule
  // can judge; when the RESOURCE listing broke off they may belong to unread assets, so
  // they are written only after a complete listing.
  if (resourcesComplete) {
    for (const asset of policies.values()) {
      await options.writer.write(toResource(asset, projects));
      written++;
      progress.resources();
    }
  }
  policies.clear();

  if (options.facts !== false) {
    const get = options.httpGet ?? googleAuthGet(client.auth as never);
    const isRetryableHttp = (err: unknown) => { const st = (err as { status?: number }).status; return st === 429 || (st !== undefined && st >= 500); };
    for (const projectId of projects.ids()) {
      try {
        await options.writer.write(await accessApprovalSettings(projectId, get, options.accessApprovalEndpoint ?? ACCESS_APPROVAL_ENDPOINT,
          { ...options.retry, isRetryable: isRetryableHttp, onRetry: () => progress.retry() }));
        written++;
        progress.resources();
      } catch (err) {
        errors.push({ scope: `projects/${projectId}/accessApprovalSettings`, code: String((err as { code?: unknown }).code ?? 'error'), message: errorMessage(err) });
      }
    }
  }

  source.finished_at = new Date().toISOString();
  source.resource_count = written;
  if (errors.length) {
    source.complete = false;
    source.errors = errors;
  }
  return source;
}
