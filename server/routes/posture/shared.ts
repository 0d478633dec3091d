/**
 * What the posture routes share: the scan a request is about (`?scan=` or the
 * latest finished one), the rule and framework metadata of the bundle that scan
 * ran (cached by digest), and the JSON Schemas of findings and scans.
 */
import { existsSync } from 'node:fs';
import { fromRoot } from '../../../common/paths.js';
import { loadBundle } from '../../../engine/bundle/load.js';
import type { ParapetMetadata, RuleMetadata } from '../../../engine/bundle/types.js';
import type { ScanRecord } from '../../../store/scans.js';
import type { ServerContext } from '../../context.js';
import { ApiError, errorSchema } from '../../errors.js';

export const errors = { '4xx': errorSchema, '5xx': errorSchema } as const;

export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Any JSON object, passed through the serializer as it is. */
export const anyObject = { type: 'object', additionalProperties: true } as const;

export const scanSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    target: { type: 'string' },
    status: { type: 'string' },
    trigger: { type: 'string' },
    started_at: { type: 'string' },
    finished_at: { type: ['string', 'null'] },
    sources: { type: 'array', items: anyObject },
    bundle: { type: ['object', 'null'], properties: { name: { type: 'string' }, version: { type: 'string' }, digest: { type: 'string' } } },
    counts: { type: ['object', 'null'], additionalProperties: true },
    duration_ms: { type: ['integer', 'null'] },
    error: { type: ['string', 'null'] },
  },
} as const;

export const findingSchema = {
  type: 'object',
  properties: {
    rule_id: { type: 'string' },
    title: { type: 'string' },
    resource_id: { type: 'string' },
    resource_type: { type: 'string' },
    service: { type: 'string' },
    target: { type: 'string' },
    provider: { type: 'string' },
    account: { type: 'string' },
    region: { type: 'string' },
    severity: { type: 'string' },
    status: { type: 'string' },
    first_seen: { type: 'string' },
    last_seen: { type: 'string' },
    first_scan_id: { type: 'integer' },
    last_scan_id: { type: 'integer' },
    resolved_at: { type: ['string', 'null'] },
    message: { type: ['string', 'null'] },
    evidence: { type: 'array', items: {} },
    suppressed_by: { type: ['string', 'null'] },
    change: { type: 'string' },
  },
} as const;

export const ruleSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    severity: { type: 'string' },
    resource_types: { type: 'array', items: { type: 'string' } },
    scope: { type: 'string' },
    frameworks: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    remediation: {
      type: 'object',
      properties: { text: { type: 'string' }, cli: { type: 'string' }, terraform: { type: 'string' }, fix: { type: 'string' } },
    },
  },
} as const;

export const scanQuery = { scan: { type: 'integer', minimum: 1, description: 'A scan id; default the latest finished scan' } } as const;

/**
 * The service a resource type belongs to, for grouping: `AWS::S3::Bucket` → `s3`,
 * `storage.googleapis.com/Bucket` → `storage`, `microsoft.storage/storageaccounts` → `storage`,
 * `Parapet::IAM::CredentialReport` → `iam`.
 */
export function serviceOf(type: string): string {
  const aws = /^(?:AWS|Parapet)::([^:]+)::/.exec(type);
  if (aws) return aws[1]!.toLowerCase();
  const gcp = /^([a-z0-9-]+)\.googleapis\.com\//.exec(type);
  if (gcp) return gcp[1]!;
  const azure = /^microsoft\.([a-z0-9]+)\//i.exec(type);
  if (azure) return azure[1]!.toLowerCase();
  const fact = /^parapet\.(?:gcp|azure)\/(.+)$/.exec(type);
  return fact ? fact[1]!.toLowerCase() : type.toLowerCase();
}

/** The scan a request names, or the latest finished one; 404 when there is none. */
export async function scanOrLatest(ctx: ServerContext, id: number | undefined, target?: string): Promise<ScanRecord> {
  if (id !== undefined) return ctx.store.scans.get(id);
  const [latest] = await ctx.store.scans.list({ finished: true, limit: 1, ...(target ? { target } : {}) });
  if (!latest) throw new ApiError(404, 'scan_not_found', 'no finished scan yet: run `parapet scan` or POST /v1/scans');
  return latest;
}

/** Rule and framework metadata of the bundles scans ran, found by digest and kept. */
export class BundleMetadata {
  private readonly byDigest = new Map<string, ParapetMetadata>();

  constructor(private readonly ctx: ServerContext) {}

  remember(digest: string, meta: ParapetMetadata): void {
    this.byDigest.set(digest, meta);
  }

  /**
   * The metadata of the bundle a scan ran: from the registry's store (the same
   * name, version and digest), the active bundle, or the built archive under
   * out/bundles. Null when none of them has it.
   */
  async forScan(scan: ScanRecord): Promise<ParapetMetadata | null> {
    const b = scan.bundle;
    if (!b) return null;
    const cached = this.byDigest.get(b.digest);
    if (cached) return cached;
    let meta: ParapetMetadata | undefined;
    const stored = await this.ctx.store.bundles.get(b.name, b.version).catch(() => undefined);
    if (stored && stored.digest === b.digest) meta = stored.manifest.metadata?.parapet;
    const active = this.ctx.registry.get(b.name);
    if (!meta && active?.digest === b.digest) meta = active.loaded.parapet;
    const built = fromRoot('out', 'bundles', `${b.name}-${b.version}.tar.gz`);
    if (!meta && existsSync(built)) {
      const loaded = await loadBundle(built).catch(() => undefined);
      if (loaded?.digest === b.digest) meta = loaded.parapet;
    }
    if (!meta) return null;
    this.byDigest.set(b.digest, meta);
    return meta;
  }

  /** The metadata a request needs; 404 naming the bundle when it cannot be found. */
  async require(scan: ScanRecord): Promise<ParapetMetadata> {
    const meta = await this.forScan(scan);
    if (!meta) {
      const b = scan.bundle;
      throw new ApiError(
        404,
        'bundle_metadata_not_found',
        b
          ? `the rules of bundle ${b.name} ${b.version} (${b.digest}) that scan ${scan.id} ran are not known to this server: publish that bundle version`
          : `scan ${scan.id} records no bundle`,
      );
    }
    return meta;
  }

  /** Rules by id, of the latest finished scan's bundle (empty when unknown). */
  async latestRules(): Promise<Map<string, RuleMetadata>> {
    const [latest] = await this.ctx.store.scans.list({ finished: true, limit: 1 });
    const meta = latest ? await this.forScan(latest) : null;
    return new Map((meta?.rules ?? []).map((r) => [r.id, r]));
  }
}

/** A comma-separated or repeated query parameter as a list. */
export function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length ? items : undefined;
}
