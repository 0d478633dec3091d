/**
 * Imports the clouds' native export files into the canonical inventory:
 * AWS Config snapshots and BatchGet(Aggregate)ResourceConfig responses, Cloud
 * Asset exports (snake_case NDJSON from exportAssets, camelCase from
 * listAssets), Resource Graph results (the REST response and `az graph query`
 * output), and Parapet inventories themselves. The format is told per file
 * from its content, so a folder of mixed files imports in one go.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ParapetError, errorMessage } from '../../common/errors.js';
import { INVENTORY_VERSION, type Provider, type Resource, type Source } from '../schema/inventory.js';
import type { Progress } from '../common/progress.js';
import { configurationItemToResource } from '../aws/normalize.js';
import { ProjectIds, toResource as assetToResource, type AssetJson } from '../gcp/normalize.js';
import { rowToResource } from '../azure/normalize.js';
import { readJsonValues, type JsonEvent } from './json-stream.js';

/** File names the importer reads when given a folder. */
export const IMPORTABLE = /\.(json|ndjson|jsonl)(\.gz)?$/i;

const STREAMED_ARRAYS = new Set(['configurationItems', 'baseConfigurationItems', 'BaseConfigurationItems', 'data', 'data.rows', 'resources', 'assets', 'value']);

export type ImportFormat = 'aws-config-snapshot' | 'aws-config-batch' | 'gcp-asset-export' | 'gcp-asset-list' | 'azure-resource-graph' | 'parapet';

export interface ImportOptions {
  emit(resource: Resource): Promise<void>;
  progress?: Progress;
  /** Paths are reported relative to this folder (default: the working directory). */
  cwd?: string;
}

export interface ImportResult {
  sources: Source[];
  files: number;
  resources: number;
}

/** The importable files under the given paths, in a stable order. */
export async function listImportFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (path: string, explicit: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new ParapetError('import_not_found', `no such file or folder: ${path}`);
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((e) => !e.startsWith('.')).sort();
      for (const e of entries) await walk(join(path, e), false);
    } else if (explicit || IMPORTABLE.test(path)) files.push(path);
  };
  for (const p of paths) await walk(p, true);
  if (files.length === 0) throw new ParapetError('import_no_files', `no importable files (.json, .ndjson, .jsonl, optionally .gz) under ${paths.join(', ')}`);
  return files;
}

/**
 * The file's text in chunks of about 1 MB (gunzip hands out 16 KB pieces; the
 * scanner appends each chunk to its buffer, so few large chunks keep that cheap).
 */
async function* textChunks(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = /\.gz$/i.test(path) ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
  stream.setEncoding('utf8');
  raw.on('error', (err) => stream.destroy(err));
  let pending: string[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (size) yield pending.join('');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const snakeToCamel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function camelKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [snakeToCamel(k), camelKeys(x)]));
}

/**
 * A Cloud Asset asset in either spelling → the collector's AssetJson.
 * `resource.data` is the resource's own REST representation and is kept as
 * it is; the asset's fields, IAM and org policies are camel-cased.
 */
export function assetJson(raw: Record<string, unknown>): AssetJson {
  const resource = isObject(raw.resource) ? raw.resource : undefined;
  const asset: AssetJson = {
    name: String(raw.name),
    assetType: String(raw.asset_type ?? raw.assetType),
  };
  if (Array.isArray(raw.ancestors)) asset.ancestors = raw.ancestors.map(String);
  const updated = raw.update_time ?? raw.updateTime;
  if (typeof updated === 'string') asset.updateTime = updated;
  if (resource) {
    asset.resource = {};
    if (isObject(resource.data)) asset.resource.data = resource.data as NonNullable<AssetJson['resource']>['data'];
    if (typeof resource.location === 'string') asset.resource.location = resource.location;
    if (typeof resource.parent === 'string') asset.resource.parent = resource.parent;
  }
  const iam = raw.iam_policy ?? raw.iamPolicy;
  if (isObject(iam)) asset.iamPolicy = camelKeys(iam) as AssetJson['iamPolicy'];
  const org = raw.org_policy ?? raw.orgPolicy;
  if (Array.isArray(org) && org.length) asset.orgPolicy = camelKeys(org) as AssetJson['orgPolicy'];
  return asset;
}

type Shape = 'aws' | 'gcp' | 'azure' | 'parapet' | undefined;

function shapeOf(item: unknown): Shape {
  if (!isObject(item)) return undefined;
  if (typeof item.resourceType === 'string' && ('configuration' in item || 'configurationItemCaptureTime' in item)) return 'aws';
  if (typeof item.name === 'string' && (typeof item.asset_type === 'string' || typeof item.assetType === 'string')) return 'gcp';
  if (typeof item.provider === 'string' && typeof item.id === 'string' && typeof item.type === 'string' && isObject(item.config)) return 'parapet';
  if (typeof item.id === 'string' && typeof item.type === 'string' && /^\/(subscriptions|providers|tenants)\//i.test(item.id)) return 'azure';
  return undefined;
}

const PROVIDER: Record<Exclude<Shape, undefined | 'parapet'>, Provider> = { aws: 'aws', gcp: 'gcp', azure: 'azure' };

function formatOf(shape: Shape, path: string): ImportFormat | undefined {
  switch (shape) {
    case 'aws': return path === 'baseConfigurationItems' || path === 'BaseConfigurationItems' ? 'aws-config-batch' : 'aws-config-snapshot';
    case 'gcp': return path === 'assets' ? 'gcp-asset-list' : 'gcp-asset-export';
    case 'azure': return 'azure-resource-graph';
    case 'parapet': return 'parapet';
    default: return undefined;
  }
}

/** GCP assets whose policies arrive on lines of their own (IAM_POLICY / ORG_POLICY exports), and project ids. */
interface GcpContext {
  projects: ProjectIds;
  policies: Map<string, AssetJson>;
}

/**
 * A first, cheap pass over the Cloud Asset files: learns project ids from the
 * Project assets and keeps the policy-only lines, so that the main pass can
 * merge them into their resources by name.
 */
async function prepareGcp(files: string[], ctx: GcpContext): Promise<void> {
  for (const file of files) {
    if (/\.(ndjson|jsonl)(\.gz)?$/i.test(file)) {
      // One asset a line: only Project lines and policy-only lines (no resource) need parsing.
      for await (const line of createInterface({ input: lineSource(file), crlfDelay: Infinity })) {
        if (!line.includes('cloudresourcemanager.googleapis.com/Project') && line.includes('"resource"')) continue;
        let raw: unknown;
        try { raw = JSON.parse(line); } catch { continue; }
        if (isObject(raw)) learnGcp(raw, ctx);
      }
      continue;
    }
    try {
      for await (const ev of readJsonValues(textChunks(file), { arrays: STREAMED_ARRAYS, label: file })) {
        const value = ev.kind === 'doc' ? ev.value : ev.kind === 'item' ? ev.value : undefined;
        const items = ev.kind === 'doc' && isObject(value) && Array.isArray(value.assets) ? value.assets : [value];
        for (const item of items) {
          if (shapeOf(item) !== 'gcp') {
            if (ev.kind === 'doc' && shapeOf(item) === undefined) break;
            continue;
          }
          learnGcp(item as Record<string, unknown>, ctx);
        }
      }
    } catch {
      // The main pass reports the file's errors.
    }
  }
}

function learnGcp(raw: Record<string, unknown>, ctx: GcpContext): void {
  if (shapeOf(raw) !== 'gcp') return;
  const assetType = String(raw.asset_type ?? raw.assetType);
  if (assetType === 'cloudresourcemanager.googleapis.com/Project' && raw.resource) ctx.projects.learn(assetJson(raw));
  if (!raw.resource && (raw.iam_policy || raw.iamPolicy || raw.org_policy || raw.orgPolicy)) {
    const a = assetJson(raw);
    const held = ctx.policies.get(a.name);
    ctx.policies.set(a.name, { ...(held ?? a), iamPolicy: a.iamPolicy ?? held?.iamPolicy, orgPolicy: a.orgPolicy ?? held?.orgPolicy });
  }
}

function lineSource(path: string): NodeJS.ReadableStream {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  return /\.gz$/i.test(path) ? raw.pipe(createGunzip()) : raw;
}

async function firstBytesLookGcp(file: string): Promise<boolean> {
  for await (const chunk of textChunks(file)) {
    return /"(asset_type|assetType)"\s*:/.test(chunk.slice(0, 1 << 16));
  }
  return false;
}

export async function importFiles(paths: string[], options: ImportOptions): Promise<ImportResult> {
  const files = await listImportFiles(paths);
  const cwd = options.cwd ?? process.cwd();
  const gcp: GcpContext = { projects: new ProjectIds(), policies: new Map() };
  const gcpFiles: string[] = [];
  for (const f of files) if (await firstBytesLookGcp(f)) gcpFiles.push(f);
  if (gcpFiles.length) await prepareGcp(gcpFiles, gcp);

  const sources: Source[] = [];
  let total = 0;
  for (const file of files) {
    const label = relative(cwd, resolve(file)) || file;
    options.progress?.scope(label);
    const started = new Date().toISOString();
    let format: ImportFormat | undefined;
    let provider: Provider | undefined;
    let count = 0;
    const carried: Source[] = [];
    const errors: Source['errors'] = [];
    let columns: string[] | undefined;
    let fields: Record<string, unknown> = {};

    const emit = async (resource: Resource) => {
      await options.emit(resource);
      count++;
      options.progress?.resources();
    };
    const handle = async (item: unknown, path: string): Promise<void> => {
      let value = item;
      if (path === 'data.rows' && Array.isArray(item)) {
        if (!columns) throw new ParapetError('import_invalid_resource_graph', `${label}: a Resource Graph table whose rows come before its columns`);
        value = Object.fromEntries(columns.map((c, i) => [c, (item as unknown[])[i]]));
      }
      const shape = shapeOf(value);
      if (!shape) return;
      format ??= formatOf(shape, path);
      if (shape === 'aws') {
        provider ??= 'aws';
        const r = configurationItemToResource(value);
        if (r) await emit(r);
      } else if (shape === 'gcp') {
        provider ??= 'gcp';
        const raw = value as Record<string, unknown>;
        // Policy-only lines were gathered by the first pass: merged into their resource, or written at the end.
        if (!raw.resource && (raw.iam_policy || raw.iamPolicy || raw.org_policy || raw.orgPolicy)) return;
        const asset = assetJson(raw);
        const held = gcp.policies.get(asset.name);
        if (held) {
          asset.iamPolicy ??= held.iamPolicy;
          asset.orgPolicy ??= held.orgPolicy;
          gcp.policies.delete(asset.name);
        }
        await emit(assetToResource(asset, gcp.projects));
      } else if (shape === 'azure') {
        provider ??= 'azure';
        const r = rowToResource(value);
        if (r) await emit(r);
      } else {
        const r = value as Resource;
        provider ??= r.provider;
        await emit(r);
      }
    };

    try {
      for await (const ev of readJsonValues(textChunks(file), { arrays: STREAMED_ARRAYS, label }) as AsyncIterable<JsonEvent>) {
        if (ev.kind === 'start') { fields = {}; columns = undefined; continue; }
        if (ev.kind === 'end') continue;
        if (ev.kind === 'field') {
          fields[ev.path] = ev.value;
          if (ev.path === 'data.columns' && Array.isArray(ev.value)) columns = ev.value.map((c) => String(isObject(c) ? c.name : c));
          if (ev.path === 'version' && ev.value === INVENTORY_VERSION) format = 'parapet';
          if (ev.path === 'sources' && Array.isArray(ev.value) && fields.version === INVENTORY_VERSION) carried.push(...(ev.value as Source[]));
          continue;
        }
        if (ev.kind === 'item') { await handle(ev.value, ev.path); continue; }
        // A whole top-level value: an NDJSON line, or a small document.
        const doc = ev.value;
        if (!isObject(doc)) continue;
        if (doc.version === INVENTORY_VERSION) {
          format = 'parapet';
          if (Array.isArray(doc.sources)) carried.push(...(doc.sources as Source[]));
          for (const r of Array.isArray(doc.resources) ? doc.resources : []) await handle(r, 'resources');
          continue;
        }
        const container = [...STREAMED_ARRAYS].find((k) => !k.includes('.') && Array.isArray(doc[k]));
        if (container) {
          for (const item of doc[container] as unknown[]) await handle(item, container);
        } else if (isObject(doc.data) && Array.isArray(doc.data.columns) && Array.isArray(doc.data.rows)) {
          columns = doc.data.columns.map((c) => String(isObject(c) ? c.name : c));
          for (const row of doc.data.rows) await handle(row, 'data.rows');
        } else if (shapeOf(doc)) {
          await handle(doc, '');
        } else if (format === undefined && count === 0) {
          throw new ParapetError('import_unrecognized_format', `${label}: not an AWS Config snapshot or BatchGetResourceConfig response, a Cloud Asset export, a Resource Graph result or a Parapet inventory`);
        }
      }
    } catch (err) {
      if (count === 0 && format === undefined && !carried.length) {
        throw err instanceof ParapetError ? err : new ParapetError('import_invalid_file', `${label}: ${errorMessage(err)}`, { cause: err });
      }
      errors.push({ scope: label, code: err instanceof ParapetError ? err.code : 'import_read_failed', message: errorMessage(err) });
    }
    options.progress?.page();
    total += count;
    if (format === 'parapet') {
      sources.push(...carried);
      if (errors.length) sources.push({ provider: provider ?? carried[0]?.provider ?? 'aws', scope: `file:${label}`, collector: 'import:parapet', started_at: started, finished_at: new Date().toISOString(), complete: false, resource_count: count, errors });
      continue;
    }
    if (!format && count === 0 && !errors.length) {
      throw new ParapetError('import_unrecognized_format', `${label}: no AWS Config items, Cloud Asset assets or Resource Graph rows found`);
    }
    const source: Source = {
      provider: provider ?? 'aws', scope: `file:${label}`, collector: `import:${format ?? 'unknown'}`,
      started_at: started, finished_at: new Date().toISOString(), complete: errors.length === 0, resource_count: count,
    };
    if (errors.length) source.errors = errors;
    sources.push(source);
  }

  // Policies whose assets had no RESOURCE line are facts of their own (as the collector keeps them).
  if (gcp.policies.size) {
    const started = new Date().toISOString();
    let count = 0;
    for (const asset of gcp.policies.values()) {
      await options.emit(assetToResource(asset, gcp.projects));
      options.progress?.resources();
      count++;
    }
    total += count;
    const gcpSource = sources.find((s) => s.provider === 'gcp');
    if (gcpSource) gcpSource.resource_count = (gcpSource.resource_count ?? 0) + count;
    else sources.push({ provider: 'gcp', scope: 'file:policies', collector: 'import:gcp-asset-export', started_at: started, finished_at: new Date().toISOString(), complete: true, resource_count: count });
  }
  return { sources, files: files.length, resources: total };
}
