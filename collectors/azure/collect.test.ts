import t from 'tap';
import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { InventoryWriter } from '../common/inventory-writer.js';
import { createProgress } from '../common/progress.js';
import type { InventoryHeader, Resource } from '../schema/inventory.js';
import { collectAzure, createResourceGraphClient, DEFAULT_QUERIES, type AzureCollectOptions } from './collect.js';
import { parseResetsAfter, parseRetryAfter } from './quota.js';
import { makeTestTls, startFakeResourceGraph, TEST_TOKEN, type GraphFault } from './testing/server.js';
import { ARM_IDS, SUB_A, SUB_B, TENANT, testArm, testTables } from './testing/estate.js';
import { inventoryValidator } from '../gcp/testing/schema.js';

const FILLER = 2300;
const tls = makeTestTls();
const validator = inventoryValidator();
const dir = await mkdtemp(join(tmpdir(), 'parapet-azure-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

/** A credential that needs no network: the static token the test server expects. */
const staticCredential: TokenCredential = { getToken: async () => ({ token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3600_000 }) };

/** 299 more subscriptions with nothing in them, so 301 in all need two batches. */
const emptySubs = Array.from({ length: 299 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

async function readInventory(path: string): Promise<{ header: InventoryHeader; resources: Resource[] }> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
  return { header: lines[0], resources: lines.slice(1) };
}

async function run(name: string, server: Parameters<typeof startFakeResourceGraph>[0] extends infer O ? Omit<O & object, 'tls' | 'tables'> & { filler?: number } : never,
  collect: Partial<AzureCollectOptions>, credential: TokenCredential = staticCredential) {
  const fake = await startFakeResourceGraph({ tls, tables: testTables(server.filler ?? 0), ...server });
  const client = await createResourceGraphClient(credential, {
    baseUri: fake.url,
    agentSettings: { https: new HttpsAgent({ ca: tls.ca, keepAlive: true }), http: new HttpAgent() },
  });
  const out = join(dir, `${name}.ndjson`);
  const writer = await InventoryWriter.open(out);
  const progress = createProgress({ stream: { write: () => true, isTTY: false } as never });
  const waits: number[] = [];
  const started = Date.now();
  try {
    const sources = await collectAzure({ client, writer, progress, retry: { baseMs: 20, maxDelayMs: 3000, attempts: 4 }, onQuotaWait: (ms) => waits.push(ms), ...collect });
    await writer.finish(sources);
    return { fake, sources, progress, waits, ms: Date.now() - started, ...(await readInventory(out)) };
  } finally {
    await fake.close();
  }
}

t.test('301 subscriptions: two batches, 1000-row pages, 429 and 5xx retried, quota respected', async (t) => {
  const faults: GraphFault[] = [
    { table: 'resources', page: 1, status: 429, times: 1, retryAfter: '1' },
    { table: 'resourcecontainers', status: 503, times: 1 },
  ];
  const r = await run('main', { filler: FILLER, faults, quota: { limit: 6, windowMs: 1200 } }, { subscriptions: [SUB_A, SUB_B.toUpperCase(), ...emptySubs], facts: false });
  const rowsInAll = 6 + FILLER + 3 + 5 + 2 + 1 + 1;
  t.equal(r.resources.length, rowsInAll);
  t.equal(new Set(r.resources.map((x) => x.id)).size, rowsInAll, 'every row once');
  t.equal(r.sources.length, 301);
  t.ok(r.sources.every((s) => s.complete));
  t.same(r.sources.slice(0, 2).map((s) => [s.scope, s.resource_count]), [[`azure:subscriptions/${SUB_A}`, 5 + 2 + 5 + 2 + 1 + 1], [`azure:subscriptions/${SUB_B}`, 1 + FILLER + 1]]);
  t.same(validator.header(r.header), []);
  for (const res of r.resources) {
    const errors = validator.resource(res);
    if (errors.length) t.fail(`${res.id}: ${errors.join('; ')}`);
  }

  const ok = r.fake.calls.filter((c) => c.status === 200);
  t.same([...new Set(ok.map((c) => c.subscriptions))], [300, 1], 'at most 300 subscriptions a query');
  t.ok(r.fake.calls.every((c) => c.auth), 'the bearer token is sent');
  t.ok(r.fake.calls.every((c) => c.top === 1000), '1000 rows a page');
  const resourcePages = ok.filter((c) => c.table === 'resources' && c.subscriptions === 300);
  t.same(resourcePages.map((c) => [c.page, c.returned]), [[0, 1000], [1, 1000], [2, 306]], 'paged by $skipToken');
  t.ok(resourcePages.slice(1).every((c) => c.skipToken));
  t.same(ok.map((c) => c.table).filter((x, i, a) => a.indexOf(x) === i), DEFAULT_QUERIES.map((q) => q.table));

  // 429 then success after Retry-After (1 s); 503 then success.
  const throttled = r.fake.calls.findIndex((c) => c.status === 429);
  t.ok(throttled >= 0);
  t.ok(r.fake.calls[throttled + 1]!.at - r.fake.calls[throttled]!.at >= 950, 'waited for Retry-After');
  t.equal(r.fake.calls.filter((c) => c.status === 503).length, 1);
  t.equal(r.progress.counts.retries, 2);
  t.equal(r.fake.quotaRefusals, 0, 'the quota headers kept every request inside the quota');
  t.ok(r.waits.length >= 1, `waited for the quota to reset ${r.waits.length} times`);
  t.comment(`measured: ${r.fake.calls.length} requests, ${r.progress.counts.pages} pages, ${r.progress.counts.retries} retries, ${r.waits.length} quota waits (${r.waits.reduce((a, b) => a + b, 0)} ms), ${r.ms} ms`);

  const byId = new Map(r.resources.map((x) => [x.id, x]));
  const sa = byId.get(`/subscriptions/${SUB_A}/resourcegroups/rg-prod/providers/microsoft.storage/storageaccounts/prodlogs001`)!;
  t.ok(sa, 'ids are lower-cased');
  t.match(sa, { provider: 'azure', type: 'microsoft.storage/storageaccounts', account: SUB_A, region: 'eastus', name: 'prodlogs001', tags: { env: 'prod' } });
  t.notOk('costCenter' in sa.tags, 'non-string tag values are not tags');
  t.match(sa.config, { id: sa.id, kind: 'StorageV2', sku: { name: 'Standard_LRS' }, resourceGroup: 'RG-Prod', properties: { minimumTlsVersion: 'TLS1_0', networkAcls: { defaultAction: 'Allow' } } });
  const alert = r.resources.find((x) => x.type === 'microsoft.insights/activitylogalerts')!;
  t.equal(alert.region, 'global');
  const sub = byId.get(`/subscriptions/${SUB_A}`)!;
  t.match(sub, { type: 'microsoft.resources/subscriptions', region: 'global', name: 'Production', config: { properties: { state: 'Enabled' } } });
  t.match(byId.get(`/subscriptions/${SUB_A}/providers/microsoft.security/pricings/virtualmachines`), { type: 'microsoft.security/pricings', config: { properties: { pricingTier: 'Standard' } } });
  t.match(r.resources.find((x) => x.type === 'microsoft.security/securitycontacts'), { config: { properties: { alertNotifications: { state: 'On' } } } });
  t.match(r.resources.find((x) => x.type === 'microsoft.authorization/roledefinitions'), { config: { properties: { type: 'CustomRole', permissions: [{ actions: ['*'] }] } } });
  t.equal(byId.get(`/subscriptions/${SUB_B}`)!.account, SUB_B, 'upper-case subscription ids are normalized');
});

t.test('a batch that keeps failing is recorded incomplete; the other batch is kept', async (t) => {
  const r = await run('failing', { faults: [{ subscription: SUB_B, status: 500, times: Infinity, code: 'InternalServerError' }], quota: { limit: 100, windowMs: 5000 } },
    { subscriptions: [SUB_A, emptySubs[0]!, SUB_B], batchSize: 2, facts: false });
  t.same(r.sources.map((s) => [s.scope.slice(-12), s.complete]), [[SUB_A.slice(-12), true], [emptySubs[0]!.slice(-12), true], [SUB_B.slice(-12), false]]);
  const failed = r.sources[2]!;
  t.equal(failed.errors!.length, DEFAULT_QUERIES.length, 'one error a query');
  t.match(failed.errors![0], { code: 'InternalServerError', scope: `subscriptions/${SUB_B} resources` });
  t.equal(r.fake.calls.filter((c) => c.status === 500).length, DEFAULT_QUERIES.length * 4, 'four attempts a query');
  t.equal(r.resources.length, 16, 'what succeeded is kept');
  t.ok(r.resources.every((x) => x.account === SUB_A));
});

t.test('management groups; permanent errors are not retried', async (t) => {
  const r = await run('mg', { managementGroups: { platform: [SUB_A, SUB_B] } }, { managementGroups: ['platform', 'forbidden'], facts: false });
  t.same(r.sources.map((s) => [s.scope, s.complete, s.resource_count]), [['azure:managementGroups/platform', true, 18], ['azure:managementGroups/forbidden', false, 0]]);
  t.match(r.sources[1]!.errors![0], { code: 'AuthorizationFailed', message: /no access to management group forbidden/ });
  t.equal(r.fake.calls.filter((c) => c.managementGroups[0] === 'forbidden').length, DEFAULT_QUERIES.length, 'a 403 is not retried');
  t.equal(r.progress.counts.retries, 0);
  t.ok(r.fake.calls.every((c) => c.subscriptions === 0));
});

t.test('a wrong token is an incomplete scope; bad scopes are refused', async (t) => {
  const wrong: TokenCredential = { getToken: async () => ({ token: 'nope', expiresOnTimestamp: Date.now() + 3600_000 }) };
  const r = await run('unauthorized', {}, { subscriptions: [SUB_A] }, wrong);
  t.equal(r.sources[0]!.complete, false);
  t.match(r.sources[0]!.errors![0], { code: 'AuthenticationFailed' });
  t.equal(r.resources.length, 0);

  const writer = await InventoryWriter.open(join(dir, 'bad.ndjson'));
  await t.rejects(collectAzure({ writer, subscriptions: ['not-a-guid'], credential: staticCredential }), { code: 'azure_bad_scope' });
  await t.rejects(collectAzure({ writer, managementGroups: ['a/b'], credential: staticCredential }), { code: 'azure_bad_scope' });
  await t.rejects(collectAzure({ writer, credential: staticCredential }), { code: 'azure_no_scope' });
  await writer.abort();
  t.equal(TENANT.length, 36);
});

t.test('ARM facts for what Resource Graph does not hold', async (t) => {
  const r = await run('facts', {
    arm: testArm(),
    quota: { limit: 100, windowMs: 5000 },
    faults: [
      { table: 'arm', path: '/keys', status: 429, times: 1, retryAfter: '0' },
      { table: 'arm', path: `/subscriptions/${SUB_B}/providers/microsoft.insights/diagnosticsettings`, status: 403, times: Infinity, code: 'AuthorizationFailed' },
    ],
  }, { subscriptions: [SUB_A, SUB_B] });
  const { SA, KV, SQL } = ARM_IDS;
  const facts = r.resources.filter((x) => x.type.startsWith('parapet.azure/'));
  t.same(facts.map((x) => x.id).sort(), [
    '/providers/microsoft.subscription/policies/default',
    '/providers/microsoft.subscription/policies/default',
    `${KV}/keys/cmk-1`, `${KV}/keys/cmk-2`, `${KV}/secrets/db-password`,
    `${SA}/blobservices/default`,
    `${SA}/blobservices/default/providers/microsoft.insights/diagnosticsettings/blob-logs`,
    `${SQL}/auditingsettings/default`, `${SQL}/encryptionprotector/current`,
    `${SQL}/firewallrules/allowallwindowsazureips`, `${SQL}/firewallrules/office`,
    `/subscriptions/${SUB_A}/providers/microsoft.insights/diagnosticsettings/activity-to-law`,
  ].sort(), 'ids are lower-cased and sit under their parent ids');
  for (const res of facts) {
    const errors = validator.resource(res);
    if (errors.length) t.fail(`${res.id}: ${errors.join('; ')}`);
  }
  const byId = new Map(facts.map((x) => [x.id, x]));
  t.match(byId.get(`${SA}/blobservices/default`), { type: 'parapet.azure/storageblobservice', account: SUB_A, region: 'eastus', config: { properties: { deleteRetentionPolicy: { enabled: true, days: 7 }, containerDeleteRetentionPolicy: { enabled: false } } } });
  t.match(byId.get(`${SA}/blobservices/default/providers/microsoft.insights/diagnosticsettings/blob-logs`), { type: 'parapet.azure/diagnosticsetting', config: { properties: { logs: [{ category: 'StorageRead', enabled: true }] } } });
  t.match(byId.get(`${KV}/keys/cmk-2`), { type: 'parapet.azure/keyvaultkey', config: { properties: { rotationPolicy: { lifetimeActions: [{ action: { type: 'Rotate' } }] } } } });
  t.same(byId.get(`${KV}/secrets/db-password`)!.config.properties, { attributes: { enabled: true } }, 'secret values are dropped');
  t.notMatch(await readFile(join(dir, 'facts.ndjson'), 'utf8'), /must-never-be-stored/);
  const leaky = { ...byId.get(`${KV}/secrets/db-password`)!, config: { properties: { value: 'x', attributes: {} } } };
  t.not(validator.resource(leaky).length, 0, 'the schema refuses a secret value');
  const wrongShape = { ...byId.get(`${SA}/blobservices/default`)!, config: { properties: { deleteRetentionPolicy: 'on' } } };
  t.not(validator.resource(wrongShape).length, 0, 'fact configs are checked against their $defs');
  t.match(byId.get(`${SQL}/auditingsettings/default`), { type: 'parapet.azure/sqlserverauditingpolicy', region: 'westeurope', config: { properties: { state: 'Disabled' } } });
  t.same(facts.filter((x) => x.type === 'parapet.azure/subscriptionpolicy').map((x) => [x.account, x.config.properties]), [
    [SUB_A, { blockSubscriptionsLeavingTenant: false, blockSubscriptionsIntoTenant: true, exemptedPrincipals: [] }],
    [SUB_B, { blockSubscriptionsLeavingTenant: false, blockSubscriptionsIntoTenant: true, exemptedPrincipals: [] }],
  ], 'the tenant policy is read once and given to each subscription');
  t.equal(r.fake.calls.filter((c) => c.path === '/providers/microsoft.subscription/policies/default').length, 1);
  t.equal(r.fake.calls.filter((c) => c.path?.endsWith('/keys?$skiptoken=2')).length, 1, 'nextLink is followed');
  t.equal(r.progress.counts.retries, 1, 'the 429 on the key list was retried');

  t.same(r.sources.map((s) => [s.scope, s.complete]), [[`azure:subscriptions/${SUB_A}`, true], [`azure:subscriptions/${SUB_B}`, false]], 'a fact error marks only its own subscription');
  t.match(r.sources[1]!.errors, [{ code: 'AuthorizationFailed', scope: `/subscriptions/${SUB_B}/providers/microsoft.insights/diagnosticSettings` }]);
  t.equal(r.sources[0]!.resource_count, 16 + 11);
});

t.test('quota and Retry-After header parsing', async (t) => {
  t.equal(parseResetsAfter('00:00:05'), 5000);
  t.equal(parseResetsAfter('00:01:02.5'), 62500);
  t.equal(parseResetsAfter('1.00:00:00'), 86_400_000);
  t.equal(parseResetsAfter('garbage'), undefined);
  t.equal(parseRetryAfter('3'), 3000);
  t.equal(parseRetryAfter(new Date(Date.now() + 2000).toUTCString(), Date.now()) ! <= 2000, true);
  t.equal(parseRetryAfter(undefined), undefined);
});
