/**
 * A local Cloud Asset gRPC server for tests, built from the protos that ship
 * with @google-cloud/asset (build/protos/protos.json), so the real client
 * talks the real wire format to it. It serves `ListAssets` with page tokens
 * and injects the faults a test asks for (RESOURCE_EXHAUSTED, UNAVAILABLE, a
 * permanent PERMISSION_DENIED for a scope).
 */
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);

export type ContentType = 'RESOURCE' | 'IAM_POLICY' | 'ORG_POLICY';

/** An asset as the test writes it: plain JSON; the server turns `data` into a protobuf Struct. */
export interface TestAsset {
  name: string;
  assetType: string;
  ancestors?: string[];
  updateTime?: string;
  resource?: { data: Record<string, unknown>; location?: string; parent?: string; version?: string };
  iamPolicy?: Record<string, unknown>;
  orgPolicy?: Array<Record<string, unknown>>;
}

export interface Fault {
  parent?: string;
  contentType?: ContentType;
  /** Only the request for this page (0 = the first page). */
  page?: number;
  code: grpc.status;
  /** How many matching calls fail; Infinity for a permanent failure. */
  times: number;
  message?: string;
}

export interface CallRecord {
  parent: string;
  contentType: string;
  assetTypes: string[];
  pageSize: number;
  pageToken: string;
  page: number;
  returned?: number;
  error?: string;
}

export interface FakeAssetServer {
  port: number;
  calls: CallRecord[];
  /** Largest page the server will send (Cloud Asset caps page_size at 1000). */
  maxPageSize: number;
  close(): Promise<void>;
}

/** The protos that ship with the client package, loaded as the client loads them. */
export function loadAssetPackage(): grpc.GrpcObject {
  const json = require('@google-cloud/asset/build/protos/protos.json');
  const definition = protoLoader.fromJSON(json, { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true });
  return grpc.loadPackageDefinition(definition);
}

/** Plain JSON → google.protobuf.Value, in the object form proto-loader serializes. */
export function toValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(toValue) } };
  return { structValue: toStruct(value as Record<string, unknown>) };
}

export function toStruct(object: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) fields[key] = toValue(value);
  return { fields };
}

function toTimestamp(iso: string | undefined): Record<string, unknown> | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

function toWire(asset: TestAsset, contentType: ContentType): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    name: asset.name,
    assetType: asset.assetType,
    ancestors: asset.ancestors ?? [],
    updateTime: toTimestamp(asset.updateTime),
  };
  if (contentType === 'RESOURCE' && asset.resource) {
    wire.resource = { ...asset.resource, data: toStruct(asset.resource.data) };
  }
  if (contentType === 'IAM_POLICY' && asset.iamPolicy) {
    const policy = { ...asset.iamPolicy };
    if (typeof policy.etag === 'string') policy.etag = Buffer.from(policy.etag, 'base64');
    wire.iamPolicy = policy;
  }
  if (contentType === 'ORG_POLICY' && asset.orgPolicy) {
    wire.orgPolicy = asset.orgPolicy.map((p) => ({
      ...p,
      etag: typeof p.etag === 'string' ? Buffer.from(p.etag, 'base64') : p.etag,
      updateTime: toTimestamp(p.updateTime as string | undefined),
    }));
  }
  return wire;
}

function hasContent(asset: TestAsset, contentType: ContentType): boolean {
  if (contentType === 'RESOURCE') return asset.resource !== undefined;
  if (contentType === 'IAM_POLICY') return asset.iamPolicy !== undefined;
  return (asset.orgPolicy?.length ?? 0) > 0;
}

/** Which assets a listing at `parent` sees: those with `parent` among their ancestors (or named by it). */
function inScope(asset: TestAsset, parent: string): boolean {
  return (asset.ancestors ?? []).includes(parent) || asset.name.endsWith('/' + parent);
}

/**
 * Starts the server on 127.0.0.1. `assets` is the estate; `projectIds` maps
 * a project id to its number so a listing at `projects/<id>` finds the
 * assets whose ancestors name `projects/<number>`, as the real service does.
 */
export async function startFakeAssetServer(options: {
  assets: TestAsset[];
  faults?: Fault[];
  projectIds?: Record<string, string>;
  defaultPageSize?: number;
}): Promise<FakeAssetServer> {
  const pkg = loadAssetPackage();
  const service = (pkg.google as any).cloud.asset.v1.AssetService.service as grpc.ServiceDefinition;
  const faults = (options.faults ?? []).map((f) => ({ ...f, left: f.times }));
  const calls: CallRecord[] = [];
  const state = { maxPageSize: 1000 };
  const server = new grpc.Server();

  const listAssets = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
    const req = call.request;
    const contentType = req.contentType as ContentType;
    const pageToken: string = req.pageToken ?? '';
    let offset = 0;
    const record: CallRecord = {
      parent: req.parent, contentType, assetTypes: req.assetTypes ?? [], pageSize: req.pageSize,
      pageToken, page: 0,
    };
    calls.push(record);
    const fail = (code: grpc.status, message: string) => {
      record.error = grpc.status[code];
      callback({ code, details: message, metadata: new grpc.Metadata() } as grpc.ServiceError);
    };
    if (pageToken) {
      // Tokens are opaque to clients; ours name the listing they belong to.
      const decoded = JSON.parse(Buffer.from(pageToken, 'base64url').toString('utf8')) as { p: string; c: string; o: number };
      if (decoded.p !== req.parent || decoded.c !== contentType) return fail(grpc.status.INVALID_ARGUMENT, 'page token does not match the request');
      offset = decoded.o;
    }
    const pageSize = Math.min(req.pageSize || options.defaultPageSize || 100, state.maxPageSize);
    record.page = Math.floor(offset / pageSize);
    const fault = faults.find((f) => f.left > 0
      && (f.parent === undefined || f.parent === req.parent)
      && (f.contentType === undefined || f.contentType === contentType)
      && (f.page === undefined || f.page === record.page));
    if (fault) {
      fault.left--;
      return fail(fault.code, fault.message ?? `injected ${grpc.status[fault.code]}`);
    }
    let parent: string = req.parent;
    const m = /^projects\/(.+)$/.exec(parent);
    if (m && options.projectIds?.[m[1]!]) parent = `projects/${options.projectIds[m[1]!]}`;
    const types: string[] = req.assetTypes ?? [];
    const matching = options.assets.filter((a) => inScope(a, parent)
      && (types.length === 0 || types.includes(a.assetType))
      && hasContent(a, contentType));
    const page = matching.slice(offset, offset + pageSize);
    const next = offset + pageSize < matching.length
      ? Buffer.from(JSON.stringify({ p: req.parent, c: contentType, o: offset + pageSize })).toString('base64url')
      : '';
    record.returned = page.length;
    callback(null, { readTime: toTimestamp(new Date().toISOString()), assets: page.map((a) => toWire(a, contentType)), nextPageToken: next });
  };

  const unimplemented = (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: 'not served by the test server' } as grpc.ServiceError);
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const name of Object.keys(service)) handlers[name] = unimplemented;
  handlers.ListAssets = listAssets;
  server.addService(service, handlers);

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  return {
    port,
    calls,
    get maxPageSize() { return state.maxPageSize; },
    set maxPageSize(n: number) { state.maxPageSize = n; },
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
