/**
 * Resource Graph rows → Parapet resources (ARCHITECTURE.md, inventory): id and
 * type lower-cased, account the subscription id, region the location (or
 * `global`), config the row itself (with its id and type lower-cased).
 */
import type { Resource } from '../schema/inventory.js';

/** One row of `objectArray` results; undefined for a row without an id or type (a projection that dropped them). */
export function rowToResource(row: unknown): Resource | undefined {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return undefined;
  const r = row as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id || typeof r.type !== 'string' || !r.type) return undefined;
  const id = r.id.toLowerCase();
  const type = r.type.toLowerCase();
  const subscription = typeof r.subscriptionId === 'string' && r.subscriptionId ? r.subscriptionId.toLowerCase() : undefined;
  // Management groups and other tenant-level rows have no subscription: their account is the tenant.
  const tenant = typeof r.tenantId === 'string' && r.tenantId ? `tenants/${r.tenantId.toLowerCase()}` : undefined;
  const tags: Record<string, string> = {};
  if (r.tags && typeof r.tags === 'object' && !Array.isArray(r.tags)) {
    for (const [k, v] of Object.entries(r.tags)) if (typeof v === 'string') tags[k] = v;
  }
  return {
    id,
    provider: 'azure',
    type,
    account: subscription ?? tenant ?? id.split('/').slice(0, 3).join('/'),
    region: typeof r.location === 'string' && r.location ? r.location.toLowerCase() : 'global',
    name: typeof r.name === 'string' ? r.name : id.split('/').pop()!,
    tags,
    config: { ...r, id, type },
  };
}
