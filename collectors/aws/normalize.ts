/**
 * AWS Config configuration items → canonical resources. One function for the
 * three shapes Config hands out: snapshot/history items (`awsAccountId`, `ARN`,
 * nested `configuration`, `tags`, `relationships`), and the base items of
 * BatchGetResourceConfig / BatchGetAggregateResourceConfig (`accountId`,
 * `arn`, `configuration` and supplementary values as JSON strings, no tags).
 */
import type { Relationship, Resource } from '../schema/inventory.js';

type Json = Record<string, unknown>;

const DELETED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded']);

/** A JSON string decoded (again while the result is itself JSON text, as Config double-encodes some values); anything else as it is. */
function decoded(value: unknown, depth = 0): unknown {
  if (typeof value !== 'string' || depth > 3) return value;
  const s = value.trim();
  if (!(s.startsWith('{') || s.startsWith('[') || s === 'null' || s === 'true' || s === 'false' || /^-?\d/.test(s) || s.startsWith('"'))) return value;
  try {
    const parsed: unknown = JSON.parse(s);
    return typeof parsed === 'string' ? decoded(parsed, depth + 1) : parsed;
  } catch {
    return value;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Tags as Config gives them: a map on the item, or inside the configuration in one of a few spellings. */
function tagsOf(item: Json, config: Json): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (source: unknown) => {
    if (Array.isArray(source)) {
      for (const t of source) {
        if (!isObject(t)) continue;
        const k = t.key ?? t.Key;
        if (k !== undefined && k !== null) out[String(k)] = String(t.value ?? t.Value ?? '');
      }
    } else if (isObject(source)) {
      for (const [k, v] of Object.entries(source)) out[k] = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    }
  };
  if (item.tags !== undefined && item.tags !== null) {
    add(item.tags);
    return out;
  }
  add(config.tags ?? config.Tags ?? config.tagSet ?? config.TagSet);
  const bucketTagging = config.BucketTaggingConfiguration;
  if (isObject(bucketTagging) && Array.isArray(bucketTagging.tagSets)) {
    for (const set of bucketTagging.tagSets) if (isObject(set)) add(set.tags);
  }
  return out;
}

function relationshipsOf(item: Json): Relationship[] | undefined {
  if (!Array.isArray(item.relationships) || item.relationships.length === 0) return undefined;
  const out: Relationship[] = [];
  for (const r of item.relationships) {
    if (!isObject(r)) continue;
    const id = str(r.resourceId) ?? str(r.resourceName);
    if (!id) continue;
    const rel: Relationship = { type: str(r.name) ?? str(r.relationshipName) ?? 'is related to', resource_id: id };
    const rtype = str(r.resourceType);
    if (rtype) rel.resource_type = rtype;
    out.push(rel);
  }
  return out.length ? out : undefined;
}

/**
 * The canonical resource of one configuration item, or undefined for an item
 * that records a deletion. `fallbackAccount` / `fallbackRegion` fill what an
 * item lacks (never the case for items Config itself writes).
 */
export function configurationItemToResource(raw: unknown, fallbackAccount?: string, fallbackRegion?: string): Resource | undefined {
  if (!isObject(raw)) return undefined;
  const item = raw;
  const status = str(item.configurationItemStatus);
  if (status && DELETED.has(status)) return undefined;
  const type = str(item.resourceType);
  const resourceId = str(item.resourceId);
  if (!type || !resourceId) return undefined;

  const configuration = decoded(item.configuration);
  const config: Json = isObject(configuration) ? { ...configuration } : configuration === null || configuration === undefined ? {} : { value: configuration };
  const supplementary = decoded(item.supplementaryConfiguration);
  if (isObject(supplementary)) {
    for (const [key, value] of Object.entries(supplementary)) config[key] = decoded(value);
  }

  const account = str(item.awsAccountId) ?? str(item.accountId) ?? fallbackAccount ?? 'unknown';
  const region = str(item.awsRegion) ?? fallbackRegion ?? 'global';
  const arn = str(item.ARN) ?? str(item.arn);
  const resource: Resource = {
    id: arn ?? `arn:aws:config:${region}:${account}:${type}/${resourceId}`,
    provider: 'aws',
    type,
    account,
    region,
    name: str(item.resourceName) ?? resourceId,
    tags: tagsOf(item, config),
    config,
  };
  const relationships = relationshipsOf(item);
  if (relationships) resource.relationships = relationships;
  const observed = timestamp(item.configurationItemCaptureTime);
  if (observed) resource.observed_at = observed;
  return resource;
}

/** A capture time as the SDK (Date), a snapshot (ISO string) or the raw API (epoch seconds) gives it. */
function timestamp(v: unknown): string | undefined {
  let d: Date | undefined;
  if (v instanceof Date) d = v;
  else if (typeof v === 'number') d = new Date(v < 1e12 ? v * 1000 : v);
  else if (typeof v === 'string' && v) d = /^\d+(\.\d+)?$/.test(v) ? new Date(Number(v) * 1000) : new Date(v);
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}
