/**
 * The evaluate API (JSON and NDJSON), decision logs (masking, queries, retention),
 * health and readiness, metrics, the OpenAPI document, logs without secrets,
 * graceful shutdown, and a malformed-input set that must only ever get 4xx.
 */
import t from 'tap';
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { bucket, fixtureBundle, keyPair, S3_DENY, tempDir, testServer, type TestServer } from './testing.js';

const { dir, remove } = tempDir();
t.teardown(remove);
const keys = keyPair();
let v1: Buffer;
let server: TestServer;
const logLines: string[] = [];

t.before(async () => {
  v1 = await fixtureBundle(dir, 'fixture', '1.0.0', keys.privateKey);
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const { loggerOptions } = await import('./index.js');
  server = await testServer(dir, {
    verificationKeys: [keys.publicKey],
    decisionLogMask: ['/input/password', '/input/resource/tags'],
    decisionLog: { flushMs: 50, retention: { maxRows: 1000, intervalMs: 60_000 } },
    limits: { bodyBytes: 256 * 1024, jsonDepth: 32 },
    logger: { ...(loggerOptions('info') as object), stream },
  });
  await publishAndActivate(server, v1);
});
t.teardown(() => server?.close());

async function publishAndActivate(s: TestServer, bytes: Buffer): Promise<void> {
  const res = await fetch(`${s.url}/v1/bundles?activate=true`, { method: 'POST', headers: { authorization: `Bearer ${s.admin}`, 'content-type': 'application/gzip' }, body: bytes });
  if (res.status !== 201) throw new Error(await res.text());
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const post = (path: string, body: string, headers: Record<string, string> = json(server.admin)) => fetch(`${server.url}${path}`, { method: 'POST', headers, body });

t.test('evaluate: one resource, a list with a framework, an NDJSON stream in and out', async (t) => {
  const one = await post('/v1/evaluate', JSON.stringify({ resource: bucket('open', false) }));
  t.equal(one.status, 200);
  const body = (await one.json()) as { decision_id: string; results: Array<{ bundle: string; totals: Record<string, number>; outcomes: Array<{ status: string; evidence?: unknown[]; rule_id: string }>; frameworks: Array<{ id: string; controls: Array<{ id: string; status: string }> }> }> };
  t.type(body.decision_id, 'string');
  const [result] = body.results;
  const fail = result!.outcomes.find((o) => o.rule_id === 'aws.s3.bucket_public_access_block');
  t.equal(fail?.status, 'FAIL');
  t.same([...(fail?.evidence ?? [])].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)), [{ setting: 'BlockPublicPolicy' }, { setting: 'IgnorePublicAcls' }, { setting: 'RestrictPublicBuckets' }], 'FAIL carries its evidence');
  t.equal(result!.frameworks.find((f) => f.id === 'cis-aws-3.0.0')!.controls.find((c) => c.id === '2.1.4')!.status, 'failed', 'the roll-up maps the failure to its control');

  const list = await post('/v1/evaluate?framework=pci-dss-4.0', JSON.stringify({ resources: [bucket('a', true), bucket('b', true)] }));
  const listBody = (await list.json()) as typeof body;
  t.same(listBody.results[0]!.frameworks.map((f) => f.id), ['pci-dss-4.0'], 'only the named framework is rolled up');
  t.equal(listBody.results[0]!.outcomes.filter((o) => o.rule_id === 'aws.s3.bucket_public_access_block' && o.status === 'PASS').length, 2);

  const lines = [JSON.stringify({ version: 'parapet.inventory/v1', generated_at: '2026-01-01T00:00:00Z', sources: [] })];
  for (let i = 0; i < 300; i++) lines.push(JSON.stringify(bucket(`b${i}`, i % 2 === 0)));
  const streamed = await post('/v1/evaluate', `${lines.join('\n')}\n`, { authorization: `Bearer ${server.admin}`, 'content-type': 'application/x-ndjson' });
  t.equal(streamed.status, 200);
  t.match(streamed.headers.get('content-type'), /application\/x-ndjson/);
  const out = (await streamed.text()).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; status?: string; rule_id?: string; totals?: Record<string, number>; resources?: number });
  const s3 = out.filter((o) => o.kind === 'outcome' && o.rule_id === 'aws.s3.bucket_public_access_block');
  t.equal(s3.length, 300, 'one outcome line per resource and rule');
  t.equal(s3.filter((o) => o.status === 'FAIL').length, 150);
  t.match(out.find((o) => o.kind === 'summary'), { kind: 'summary', resources: 300 });
  t.match(out.at(-1), { kind: 'end', resources: 300 });
});

t.test('decision logs: masked, queryable by path, time and id; logs:read required', async (t) => {
  const input = { password: 'hunter2', resource: { ...bucket('secret-bucket', false), tags: { owner: 'alice' } }, facts: {} };
  const res = await post(`/v1/data/${S3_DENY}`, JSON.stringify({ input }));
  const { decision_id } = (await res.json()) as { decision_id: string };
  const reader = await server.token('logs:read');
  const get = (path: string, token = reader) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const one = (await (await get(`/v1/decisions/${decision_id}`)).json()) as { path: string; input: { password: string; resource: { tags: unknown; name: string } }; result: unknown[]; revisions: Record<string, string>; latency_us: number; timestamp: string };
  t.equal(one.path, S3_DENY);
  t.equal(one.input.password, '**masked**', 'configured input paths are masked before storage');
  t.equal(one.input.resource.tags, '**masked**');
  t.equal(one.input.resource.name, 'secret-bucket', 'the rest is kept');
  t.equal(one.result.length, 3);
  t.same(one.revisions, { fixture: 'fixture@1.0.0' });
  t.ok(one.latency_us > 0);

  const byPath = (await (await get(`/v1/decisions?path=${encodeURIComponent(S3_DENY)}&since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`)).json()) as { decisions: Array<{ decision_id: string; path: string }> };
  t.ok(byPath.decisions.some((d) => d.decision_id === decision_id));
  t.ok(byPath.decisions.every((d) => d.path === S3_DENY));
  const future = (await (await get(`/v1/decisions?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json()) as { decisions: unknown[] };
  t.same(future.decisions, []);
  const evaluations = (await (await get('/v1/decisions?path=evaluate')).json()) as { decisions: unknown[] };
  t.ok(evaluations.decisions.length >= 3, 'evaluate decisions are logged too');
  t.equal((await get('/v1/decisions?since=yesterday')).status, 400);
  t.equal((await get('/v1/decisions/nope')).status, 404);
  t.equal((await get('/v1/decisions', await server.token('evaluate'))).status, 403);
});

t.test('retention prunes by rows on its timer', async (t) => {
  const small = await testServer(dir, { verificationKeys: [keys.publicKey], decisionLog: { flushMs: 20, retention: { maxRows: 5, intervalMs: 100 } } });
  t.teardown(() => small.close());
  await publishAndActivate(small, v1);
  for (let i = 0; i < 20; i++) await fetch(`${small.url}/v1/data/${S3_DENY}`, { method: 'POST', headers: json(small.admin), body: '{"input":{}}' });
  await new Promise((r) => setTimeout(r, 400));
  t.ok((await small.context.store.decisions.count()) <= 5, 'at most maxRows decisions kept');
});

t.test('health: live, ready with bundle state; 503 when an active bundle cannot load', async (t) => {
  const live = await fetch(`${server.url}/health`);
  t.equal(live.status, 200);
  t.match(await live.json(), { live: true, ready: true, bundles: { active: [{ name: 'fixture', version: '1.0.0' }], failed: [] } });

  const db = `${dir}/restart.db`;
  const first = await testServer(dir, { db, verificationKeys: [keys.publicKey] });
  await publishAndActivate(first, v1);
  await first.close();
  const { openStore } = await import('../store/index.js');
  const store = await openStore({ location: db });
  await store.db.updateTable('bundle_versions').set({ content: Buffer.from('damaged') }).execute();
  await store.close();
  const second = await testServer(dir, { db, verificationKeys: [keys.publicKey] });
  t.teardown(() => second.close());
  const notReady = await fetch(`${second.url}/health?bundles`);
  t.equal(notReady.status, 503, 'not ready: the active bundle did not load');
  t.match(await notReady.json(), { live: true, ready: false, bundles: { active: [], failed: [{ name: 'fixture', version: '1.0.0', code: /^bundle_/ }] } });
  t.equal((await fetch(`${second.url}/health`)).status, 200, 'still live');
});

t.test('metrics, the OpenAPI document, and logs with request ids and no secrets', async (t) => {
  const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.admin}` } })).text();
  t.match(metrics, /parapet_decisions_total\{path="parapet\/rules\/aws\/s3\/bucket_public_access_block\/deny",outcome="defined"\} \d+/);
  t.match(metrics, /parapet_bundle_activations_total\{bundle="fixture",result="ok"\} 1/);
  t.match(metrics, /parapet_http_request_duration_seconds_bucket/);

  const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
  for (const path of ['/v1/data/{*}', '/v1/evaluate', '/v1/bundles', '/v1/bundles/{name}/activate', '/bundles/{name}', '/v1/decisions', '/v1/decisions/{id}', '/health']) {
    t.ok(doc.paths[path], `OpenAPI lists ${path}`);
  }
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      t.ok(op.responses && Object.keys(op.responses).some((s) => /^(2|3)/.test(s)), `${method.toUpperCase()} ${path} has a response schema`);
    }
  }

  const res = await fetch(`${server.url}/v1/bundles`, { headers: { authorization: `Bearer ${server.admin}`, 'x-request-id': 'req-trace-42' } });
  t.equal(res.headers.get('x-request-id'), 'req-trace-42');
  await new Promise((r) => setTimeout(r, 50));
  t.ok(logLines.some((l) => JSON.parse(l).reqId === 'req-trace-42'), 'log lines carry the request id');
  t.notOk(logLines.some((l) => l.includes(server.admin)), 'no token appears in the logs');
});

t.test('malformed input only ever gets a 4xx with a clear message', async (t) => {
  const evaluateToken = await server.token('evaluate');
  const headers = json(evaluateToken);
  const ndjson = { authorization: `Bearer ${evaluateToken}`, 'content-type': 'application/x-ndjson' };
  const cases: Array<[string, string, string, Record<string, string>, number, RegExp]> = [
    ['truncated JSON', `/v1/data/${S3_DENY}`, '{"input": {"resource": {"id": "x"', headers, 400, /not valid JSON/],
    ['wrong type body', `/v1/data/${S3_DENY}`, '["input"]', headers, 400, /invalid request|JSON object/],
    ['huge string', `/v1/data/${S3_DENY}`, JSON.stringify({ input: { s: 'x'.repeat(300 * 1024) } }), headers, 413, /too large/i],
    ['deep nesting', `/v1/data/${S3_DENY}`, `{"input": ${'['.repeat(40)}${']'.repeat(40)}}`, headers, 400, /nests 41 levels/],
    ['unknown route', '/v1/nowhere', '{}', headers, 404, /no route/],
    ['evaluate: nothing to evaluate', '/v1/evaluate', '{"resources": []}', headers, 400, /no resource/],
    ['evaluate: resource of the wrong shape', '/v1/evaluate', JSON.stringify({ resource: { id: 1, type: 'AWS::S3::Bucket' } }), headers, 400, /record 1: resource fails the inventory schema/],
    ['evaluate: unknown bundle', '/v1/evaluate?bundle=nope', JSON.stringify({ resource: bucket('x', true) }), headers, 404, /no active bundle nope/],
    ['evaluate: unknown framework', '/v1/evaluate?framework=iso-27001', JSON.stringify({ resource: bucket('x', true) }), headers, 400, /iso-27001/],
    ['evaluate: bad NDJSON line', '/v1/evaluate', `${JSON.stringify(bucket('a', true))}\n{"id": "trunc\n${JSON.stringify(bucket('b', true))}\n`, ndjson, 400, /record 2: line is not valid JSON/],
    ['evaluate: NDJSON line too deep', '/v1/evaluate', `${JSON.stringify({ ...bucket('a', true), config: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) })}\n`, ndjson, 400, /nests \d+ levels/],
  ];
  for (const [name, path, body, h, status, message] of cases) {
    const res = await post(path, body, h);
    t.equal(res.status, status, `${name}: ${status}`);
    const payload = (await res.json()) as { code: string; message: string };
    t.type(payload.code, 'string', `${name}: has a code`);
    t.match(payload.message, message, `${name}: says why`);
  }
  const undef = await post('/v1/data/unknown/path', '{"input": {}}', headers);
  t.equal(undef.status, 200, 'an unknown data path is undefined, as in OPA');
  t.notOk('result' in ((await undef.json()) as object));
});

t.test('evaluation limits are 4xx, not 5xx, and the server keeps serving', async (t) => {
  const tight = await testServer(dir, { verificationKeys: [keys.publicKey], limits: { evalTimeoutMs: 1 }, pool: { threads: 1, maxInputBytes: 2048 } });
  t.teardown(() => tight.close());
  await publishAndActivate(tight, v1);
  const call = (input: unknown) => fetch(`${tight.url}/v1/data/${S3_DENY}`, { method: 'POST', headers: json(tight.admin), body: JSON.stringify({ input }) });
  const big = await call({ pad: 'x'.repeat(4096) });
  t.equal(big.status, 413);
  t.match(await big.json(), { code: 'request_too_large', message: /exceeds the limit of 2048 bytes/ });
  const slow = await call({ resource: bucket('x', false), facts: {} });
  t.equal(slow.status, 422, 'an evaluation past the time limit is refused');
  t.match(await slow.json(), { code: 'evaluation_limit_exceeded', message: /time limit of 1 ms/ });
  t.equal((await fetch(`${tight.url}/health`)).status, 200, 'the server is still up');
});

t.test('graceful shutdown drains a slow in-flight request', async (t) => {
  const s = await testServer(dir, { verificationKeys: [keys.publicKey] });
  await publishAndActivate(s, v1);
  const body = JSON.stringify({ input: { resource: bucket('slow', false), facts: {} } });
  const url = new URL(`${s.url}/v1/data/${S3_DENY}`);
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...json(s.admin), 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    // Half the body now, the rest once the server is closing.
    req.write(body.slice(0, 20));
    setTimeout(() => req.end(body.slice(20)), 500);
  });
  await new Promise((r) => setTimeout(r, 150));
  let closed = false;
  const closing = s.close().then(() => (closed = true));
  await new Promise((r) => setTimeout(r, 100));
  t.notOk(closed, 'close waits for the in-flight request');
  const res = await response;
  t.equal(res.status, 200, 'the in-flight request completes');
  t.equal((JSON.parse(res.body) as { result: unknown[] }).result.length, 3);
  await closing;
  t.ok(closed);
  await t.rejects(fetch(`${s.url}/health`), 'no new connections after close');
});
