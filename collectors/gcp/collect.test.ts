import t from 'tap';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { v1 } from '@google-cloud/asset';
import { createServer } from 'node:http';
import { GoogleAuth } from 'google-gax';
import { googleAuthGet } from './access-approval.js';
import { InventoryWriter } from '../common/inventory-writer.js';
import { createProgress } from '../common/progress.js';
import type { InventoryHeader, Resource } from '../schema/inventory.js';
import { collectGcp, parentOf, type AssetClient } from './collect.js';
import { startFakeAssetServer, type FakeAssetServer, type Fault } from './testing/server.js';
import { DEV, FOLDER, ORG, PROD, testEstate } from './testing/estate.js';
import { inventoryValidator } from './testing/schema.js';

const FILLER = 450;
const validator = inventoryValidator();
const dir = await mkdtemp(join(tmpdir(), 'parapet-gcp-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

function clientFor(server: FakeAssetServer): AssetClient {
  return new v1.AssetServiceClient({ apiEndpoint: '127.0.0.1', port: server.port, sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' });
}

async function readInventory(path: string): Promise<{ header: InventoryHeader; resources: Resource[] }> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
  return { header: lines[0], resources: lines.slice(1) };
}

async function run(faults: Fault[], scopes: Parameters<typeof collectGcp>[0]['scopes'], name: string, pageSize = 200, extra: Partial<Parameters<typeof collectGcp>[0]> = { facts: false }) {
  const server = await startFakeAssetServer({ assets: testEstate(FILLER), faults, projectIds: { [PROD.id]: PROD.number, [DEV.id]: DEV.number } });
  const client = clientFor(server);
  const out = join(dir, `${name}.ndjson`);
  const writer = await InventoryWriter.open(out);
  const progress = createProgress({ stream: { write: () => true, isTTY: false } as never });
  const started = Date.now();
  try {
    const sources = await collectGcp({ scopes, writer, client, pageSize, progress, retry: { baseMs: 20, maxDelayMs: 200, attempts: 4 }, ...extra });
    await writer.finish(sources);
    return { server, sources, progress, ms: Date.now() - started, ...(await readInventory(out)) };
  } finally {
    await client.close();
    await server.close();
  }
}

/** True when a value still carries protobuf wrapper shapes. */
function hasProtoWrappers(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasProtoWrappers);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.includes('fields') && keys.length === 1) return true;
    if (keys.some((k) => /^(stringValue|numberValue|boolValue|structValue|listValue|nullValue)$/.test(k))) return true;
    if (keys.length === 2 && keys.includes('seconds') && keys.includes('nanos')) return true;
    return Object.values(value).some(hasProtoWrappers);
  }
  return false;
}

t.test('an organization: paged, retried, merged by asset name, plain JSON', async (t) => {
  const r = await run([
    { contentType: 'RESOURCE', page: 1, code: grpc.status.RESOURCE_EXHAUSTED, times: 1, message: 'Quota exceeded for quota metric ListAssets requests' },
    { contentType: 'IAM_POLICY', page: 0, code: grpc.status.UNAVAILABLE, times: 2 },
  ], [{ kind: 'organization', id: ORG }], 'org');

  t.same(r.sources.map((s) => [s.scope, s.complete, s.resource_count]), [[`gcp:organizations/${ORG}`, true, 8 + FILLER]]);
  t.equal(r.resources.length, 8 + FILLER);
  t.equal(new Set(r.resources.map((x) => x.id)).size, r.resources.length, 'each asset once');
  t.same(validator.header(r.header), []);
  for (const res of r.resources) {
    const errors = validator.resource(res);
    if (errors.length) t.fail(`${res.id}: ${errors.join('; ')}`);
  }
  t.notOk(r.resources.some((x) => hasProtoWrappers(x)), 'no Struct/Value/Timestamp wrappers survive');

  // Paging: 458 RESOURCE assets at 200 a page are 3 pages, the 2nd asked twice (RESOURCE_EXHAUSTED);
  // IAM_POLICY's first page failed twice with UNAVAILABLE before it was served.
  const resourceCalls = r.server.calls.filter((c) => c.contentType === 'RESOURCE' && c.assetTypes.length === 0);
  t.same(resourceCalls.map((c) => [c.page, c.error ?? c.returned]), [[0, 200], [1, 'RESOURCE_EXHAUSTED'], [1, 200], [2, 58]]);
  t.ok(resourceCalls.every((c) => c.pageSize === 200));
  const iamCalls = r.server.calls.filter((c) => c.contentType === 'IAM_POLICY');
  t.same(iamCalls.map((c) => c.error ?? c.returned), ['UNAVAILABLE', 'UNAVAILABLE', 116]);
  t.equal(r.progress.counts.retries, 3);
  t.equal(r.progress.counts.resources, 8 + FILLER);
  t.ok(r.progress.counts.pages >= 6);

  const byId = new Map(r.resources.map((x) => [x.id, x]));
  const bucket = byId.get('//storage.googleapis.com/prod-app-logs')!;
  t.match(bucket, { provider: 'gcp', type: 'storage.googleapis.com/Bucket', account: PROD.id, region: 'us', name: 'prod-app-logs', tags: { env: 'prod', 'data-class': 'logs' }, observed_at: '2026-11-20T08:15:30.250Z' });
  t.same(bucket.config.iamConfiguration, { uniformBucketLevelAccess: { enabled: true }, bucketPolicyOnly: { enabled: true }, publicAccessPrevention: 'enforced' });
  t.same(bucket.config.retentionPolicy, { retentionPeriod: 2592000, isLocked: false }, 'numbers stay numbers');
  t.equal(bucket.config.logging, null, 'null values stay null');
  t.same(bucket.iam_policy, { version: 1, bindings: [
    { role: 'roles/storage.legacyBucketOwner', members: [`projectOwner:${PROD.id}`] },
    { role: 'roles/storage.objectViewer', members: ['allUsers'] },
  ], etag: 'CAE=' });
  t.same(bucket.relationships, [{ type: 'is contained in', resource_id: `//cloudresourcemanager.googleapis.com/projects/${PROD.number}` }]);

  const project = byId.get(`//cloudresourcemanager.googleapis.com/projects/${PROD.number}`)!;
  t.equal(project.account, PROD.id, 'a project number resolves to its id');
  t.same(project.iam_policy!.auditConfigs, [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ', exemptedMembers: ['user:bob@example.com'] }, { logType: 'DATA_WRITE' }] }]);
  t.same((project.iam_policy!.bindings as unknown[])[1], { role: 'roles/iam.serviceAccountUser', members: ['user:bob@example.com'], condition: { title: 'until 2027', expression: 'request.time < timestamp("2027-01-01T00:00:00Z")' } });
  t.equal(project.iam_policy!.version, 3);

  const org = byId.get(`//cloudresourcemanager.googleapis.com/organizations/${ORG}`)!;
  t.equal(org.account, `organizations/${ORG}`);
  t.equal(org.region, 'global');
  t.same(org.config.orgPolicy, [
    { version: 1, constraint: 'constraints/iam.disableServiceAccountKeyCreation', etag: Buffer.from('op1').toString('base64'), updateTime: '2026-11-20T08:15:30.250Z', booleanPolicy: { enforced: true } },
    { version: 1, constraint: 'constraints/compute.vmExternalIpAccess', etag: Buffer.from('op2').toString('base64'), listPolicy: { allValues: 'DENY' } },
    { constraint: 'constraints/sql.restrictPublicIp', restoreDefault: {} },
  ]);
  t.equal(org.config.displayName, 'example.com');
  const dev = byId.get(`//cloudresourcemanager.googleapis.com/projects/${DEV.number}`)!;
  t.same(dev.config.orgPolicy, [{ constraint: 'constraints/compute.skipDefaultNetworkCreation', booleanPolicy: {} }], 'enforced: false is omitted, as proto3 JSON does');

  const firewall = byId.get(`//compute.googleapis.com/projects/${PROD.id}/global/firewalls/allow-ssh-from-anywhere`)!;
  t.match(firewall, { account: PROD.id, region: 'global', config: { sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['22'] }], logConfig: { enable: false }, priority: 1000 } });
  const sql = byId.get(`//cloudsql.googleapis.com/projects/${PROD.id}/instances/orders-db`)!;
  t.match(sql, { type: 'sqladmin.googleapis.com/Instance', region: 'us-central1', config: { settings: { ipConfiguration: { requireSsl: false, authorizedNetworks: [{ value: '0.0.0.0/0' }] }, databaseFlags: [{ name: 'log_connections', value: 'on' }] } } });
  const key = r.resources.find((x) => x.type === 'iam.googleapis.com/ServiceAccountKey')!;
  t.match(key, { account: PROD.id, region: 'global', name: '3f1e2d4c5b6a79880a1b2c3d4e5f6071', config: { keyType: 'USER_MANAGED', validBeforeTime: '9999-12-31T23:59:59Z' } });
  const filler = byId.get(`//storage.googleapis.com/${DEV.id}-scratch-00004`)!;
  t.match(filler, { account: DEV.id, region: 'us-central1', iam_policy: { bindings: [{ role: 'roles/storage.admin' }] } });
  t.notOk(byId.get(`//storage.googleapis.com/${DEV.id}-scratch-00005`)!.iam_policy, 'no IAM policy where none was listed');
});

t.test('a scope that keeps failing is recorded incomplete; the others are kept', async (t) => {
  const r = await run([
    { parent: `folders/${FOLDER}`, code: grpc.status.PERMISSION_DENIED, times: Infinity, message: "The caller does not have permission" },
  ], [{ kind: 'project', id: PROD.id }, { kind: 'folder', id: FOLDER }], 'denied');
  t.same(r.sources.map((s) => [s.scope, s.complete]), [[`gcp:projects/${PROD.id}`, true], [`gcp:folders/${FOLDER}`, false]]);
  t.equal(r.sources[0]!.resource_count, 5);
  t.equal(r.resources.length, 5);
  t.ok(r.resources.every((x) => x.account === PROD.id));
  const denied = r.sources[1]!;
  t.equal(denied.resource_count, 0);
  t.same(denied.errors!.map((e) => e.code), ['PERMISSION_DENIED', 'PERMISSION_DENIED', 'PERMISSION_DENIED', 'PERMISSION_DENIED']);
  t.match(denied.errors![0]!.message, /does not have permission/);
  t.equal(r.server.calls.filter((c) => c.parent === `folders/${FOLDER}`).length, 4, 'a permanent error is not retried');
  t.equal(r.progress.counts.retries, 0);
  t.same(validator.header(r.header), []);
});

t.test('UNAVAILABLE past the retry budget mid-listing keeps the pages read', async (t) => {
  const r = await run([
    { contentType: 'RESOURCE', page: 2, code: grpc.status.UNAVAILABLE, times: Infinity, message: 'connection reset' },
  ], [{ kind: 'organization', id: ORG }], 'unavailable', 100);
  const [source] = r.sources;
  t.equal(source!.complete, false);
  t.equal(source!.errors!.length, 1);
  t.match(source!.errors![0], { code: 'UNAVAILABLE', scope: new RegExp(`^organizations/${ORG} RESOURCE page `) });
  t.equal(r.resources.length, 200, 'two pages of 100 were written before the failure');
  t.equal(r.progress.counts.retries, 3, 'four attempts in all');
  t.notOk(r.resources.some((x) => Object.keys(x.config).length === 0), 'no policy-only stand-ins after a broken listing');
});

t.test('asset types are passed through and scopes are checked', async (t) => {
  const r = await run([], [{ kind: 'project', id: PROD.id }], 'types');
  t.equal(r.resources.length, 5);
  const typed = await (async () => {
    const server = await startFakeAssetServer({ assets: testEstate(10), projectIds: { [PROD.id]: PROD.number } });
    const client = clientFor(server);
    const writer = await InventoryWriter.open(join(dir, 'typed.ndjson'));
    try {
      const sources = await collectGcp({ facts: false, scopes: [{ kind: 'organization', id: ORG }], writer, client, assetTypes: ['storage.googleapis.com/Bucket'], progress: createProgress({ stream: { write: () => true } as never }) });
      await writer.finish(sources);
      return { calls: server.calls, ...(await readInventory(join(dir, 'typed.ndjson'))) };
    } finally {
      await client.close();
      await server.close();
    }
  })();
  t.equal(typed.resources.length, 11);
  t.ok(typed.resources.every((x) => x.type === 'storage.googleapis.com/Bucket'));
  t.ok(typed.calls.filter((c) => c.assetTypes.length).every((c) => c.assetTypes.join() === 'storage.googleapis.com/Bucket' || c.assetTypes.join() === 'cloudresourcemanager.googleapis.com/Project'));
  t.equal(typed.resources.find((x) => x.id.endsWith('scratch-00000'))!.account, DEV.id, 'project ids are learned even when Projects are filtered out');

  t.throws(() => parentOf({ kind: 'organization', id: 'example.com' }), { code: 'gcp_bad_scope' });
  t.throws(() => parentOf({ kind: 'project', id: 'a/b' }), { code: 'gcp_bad_scope' });
  t.equal(parentOf({ kind: 'folder', id: '42' }), 'folders/42');
  await t.rejects(collectGcp({ scopes: [], writer: await InventoryWriter.open(join(dir, 'none.ndjson')) }), { code: 'gcp_no_scope' });
});

t.test('Access Approval settings, one fact per project, through Google auth', async (t) => {
  const seen: Array<{ path: string; key: string | undefined }> = [];
  let unavailable = 1;
  const http = createServer((req, res) => {
    seen.push({ path: req.url ?? '', key: req.headers['x-goog-api-key'] as string | undefined });
    const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (req.url === `/v1/projects/${PROD.id}/accessApprovalSettings`) {
      if (unavailable-- > 0) return send(503, { error: { code: 503, status: 'UNAVAILABLE', message: 'try again' } });
      return send(200, { name: `projects/${PROD.id}/accessApprovalSettings`, notificationEmails: ['secops@example.com'], enrolledServices: [{ cloudProduct: 'all', enrollmentLevel: 'BLOCK_ALL' }] });
    }
    if (req.url === `/v1/projects/${DEV.id}/accessApprovalSettings`) return send(404, { error: { code: 404, status: 'NOT_FOUND', message: 'not configured' } });
    send(403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'denied' } });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  t.teardown(() => http.close());
  const endpoint = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const httpGet = googleAuthGet(new GoogleAuth({ apiKey: 'test-api-key' }) as never);

  const r = await run([], [{ kind: 'organization', id: ORG }], 'facts', 1000, { accessApprovalEndpoint: endpoint, httpGet });
  const facts = r.resources.filter((x) => x.type === 'parapet.gcp/AccessApprovalSettings');
  t.same(facts.map((x) => [x.id, x.account, x.region]), [
    [`projects/${PROD.id}/accessApprovalSettings`, PROD.id, 'global'],
    [`projects/${DEV.id}/accessApprovalSettings`, DEV.id, 'global'],
  ]);
  t.match(facts[0]!.config, { notificationEmails: ['secops@example.com'], enrolledServices: [{ cloudProduct: 'all' }] });
  t.same(facts[1]!.config, {}, 'never configured (404) is {}');
  t.ok(seen.every((s) => s.key === 'test-api-key'), 'requests carry the Google auth of the client');
  t.equal(r.progress.counts.retries, 1, 'the 503 was retried');
  t.equal(r.sources[0]!.complete, true);
  t.equal(r.sources[0]!.resource_count, 8 + FILLER + 2);
  for (const f of facts) t.same(validator.resource(f), []);

  // A project whose settings cannot be read leaves its scope incomplete.
  const denied = await run([], [{ kind: 'project', id: PROD.id }], 'facts-denied', 1000, { accessApprovalEndpoint: `${endpoint}/denied`, httpGet });
  t.equal(denied.sources[0]!.complete, false);
  t.match(denied.sources[0]!.errors, [{ code: 'PERMISSION_DENIED', scope: `projects/${PROD.id}/accessApprovalSettings` }]);
});
