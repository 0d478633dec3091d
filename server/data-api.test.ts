/**
 * The OPA Data API, through OPA's own TypeScript client, and the same bundle in a real
 * `opa run --server`: both must answer the same decisions for the same inputs.
 */
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPAClient } from '@open-policy-agent/opa';
import { opaBinary } from '../common/opa.js';
import { bucket, fixtureBundle, freePort, keyPair, S3_DENY, tempDir, testServer, type TestServer } from './testing.js';

const { dir, remove } = tempDir();
t.teardown(remove);
const keys = keyPair();
let server: TestServer;
let bytes: Buffer;
let dispatch: string;

t.before(async () => {
  bytes = await fixtureBundle(dir, 'fixture', '1.0.0', keys.privateKey);
  server = await testServer(dir, { verificationKeys: [keys.publicKey] });
  const res = await fetch(`${server.url}/v1/bundles?activate=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.admin}`, 'content-type': 'application/gzip' },
    body: bytes,
  });
  if (res.status !== 201) throw new Error(`publish failed: ${await res.text()}`);
  dispatch = server.context.registry.get('fixture')!.loaded.parapet.dispatch.resource['AWS::S3::Bucket']!;
});
t.teardown(() => server?.close());

const accountBlock = { id: 'arn:aws:parapet:global:123456789012:s3-account-public-access-block', provider: 'aws', type: 'Parapet::S3::AccountPublicAccessBlock', account: '123456789012', region: 'global', name: 'account', tags: {}, config: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }, observed_at: '2026-01-01T00:00:00Z' };
const inputs = [
  { resource: bucket('open', false), facts: {} },
  { resource: bucket('closed', true), facts: {} },
  { resource: bucket('open-but-account-blocks', false), facts: { 'Parapet::S3::AccountPublicAccessBlock': [accountBlock] } },
  { resource: { ...bucket('no-config', false), config: {} }, facts: {} },
  {},
];

t.test('the OPA TypeScript client evaluates through Parapet', async (t) => {
  const opa = new OPAClient(server.url, { headers: { authorization: `Bearer ${await server.token('evaluate')}` } });
  const denied = await opa.evaluate<Record<string, unknown>, Array<{ msg: string }>>(S3_DENY, inputs[0]);
  t.same(denied.map((d) => d.msg).sort(), ['bucket open does not set BlockPublicPolicy', 'bucket open does not set IgnorePublicAcls', 'bucket open does not set RestrictPublicBuckets']);
  t.same(await opa.evaluate(S3_DENY, inputs[1]), [], 'a blocked bucket is denied nothing');
  const byRule = await opa.evaluate<Record<string, unknown>, Record<string, unknown[]>>(dispatch, inputs[0]);
  t.same(Object.keys(byRule), ['aws.s3.bucket_public_access_block'], 'the dispatch entrypoint answers per rule');
  const below = await opa.evaluate<Record<string, unknown>, unknown[]>(`${dispatch}/aws.s3.bucket_public_access_block`, inputs[0]);
  t.equal(below.length, 3, 'a path below an entrypoint selects into it');

  // The low-level SDK exposes the whole response: decision_id, metrics, provenance.
  const lowLevel = (opa as unknown as { opa: { executePolicyWithInput(r: object): Promise<{ successfulPolicyResponse?: { decisionId?: string; metrics?: Record<string, unknown>; provenance?: { bundles?: unknown } } }> } }).opa;
  const raw = await lowLevel.executePolicyWithInput({ path: S3_DENY, requestBody: { input: inputs[1] }, metrics: true, provenance: true });
  const body = raw.successfulPolicyResponse!;
  t.match(body.decisionId, /^[0-9a-f-]{36}$/);
  t.type(body.metrics?.timer_rego_query_eval_ns, 'number');
  t.type(body.metrics?.timer_server_handler_ns, 'number');
  t.same(body.provenance?.bundles, { fixture: { revision: 'fixture@1.0.0' } });

  const unauthorized = new OPAClient(server.url);
  // OPA's API spec defines no 401 body, so the SDK reports the status and our OPA-shaped body.
  const err = (await unauthorized.evaluate(S3_DENY, inputs[0]).catch((e: unknown) => e)) as { httpMeta: { response: Response } };
  t.equal(err.httpMeta.response.status, 401, 'a missing token is a 401 the client reports');
  t.equal(err.httpMeta.response.headers.get('www-authenticate'), 'Bearer realm="parapet"');
});

t.test('OPA shapes: undefined omits result, GET with ?input, pretty, errors', async (t) => {
  const auth = { authorization: `Bearer ${server.admin}` };
  const post = (path: string, body: string, query = '') =>
    fetch(`${server.url}/v1/data/${path}${query}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });

  const undef = await post('no/such/rule', JSON.stringify({ input: {} }));
  t.equal(undef.status, 200);
  const undefBody = (await undef.json()) as Record<string, unknown>;
  t.notOk('result' in undefBody, 'undefined: no result key');
  t.type(undefBody.decision_id, 'string');

  const get = await fetch(`${server.url}/v1/data/${S3_DENY}?input=${encodeURIComponent(JSON.stringify(inputs[0]))}`, { headers: auth });
  t.equal(get.status, 200);
  t.equal(((await get.json()) as { result: unknown[] }).result.length, 3, 'GET with ?input= evaluates the same');

  const curlStyle = await fetch(`${server.url}/v1/data/${S3_DENY}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: JSON.stringify({ input: inputs[0] }) });
  t.equal(((await curlStyle.json()) as { result: unknown[] }).result.length, 3, 'a form-encoded body (curl -d) is read as JSON, as OPA does');

  // The input's text goes to the evaluator as sent: the member JSON.parse keeps, whatever the spacing, keys or nesting around it.
  const asSent = await post(S3_DENY, `{ "input" : {"resource": {}}, "x": {"input": 1},\n "input":\n${JSON.stringify(inputs[0], null, 2)} }`);
  t.equal(((await asSent.json()) as { result: unknown[] }).result.length, 3, 'the last top-level input is evaluated, as sent');
  const escapedKey = await post(S3_DENY, `{"input": ${JSON.stringify(inputs[0])}, "\\u0069nput": ${JSON.stringify(inputs[1])}}`);
  t.same(((await escapedKey.json()) as { result: unknown[] }).result, [], 'an escaped duplicate key wins, as in JSON.parse');

  const noInput = (await (await post(S3_DENY, '{}')).json()) as { warning?: { code: string } };
  t.equal(noInput.warning?.code, 'api_usage_warning', "a body without 'input' gets OPA's warning");

  const pretty = await post(S3_DENY, JSON.stringify({ input: inputs[1] }), '?pretty=true');
  t.match(await pretty.text(), /^\{\n {2}"decision_id"/, 'pretty prints indented JSON');

  const badInput = await fetch(`${server.url}/v1/data/${S3_DENY}?input=%7Bnope`, { headers: auth });
  t.equal(badInput.status, 400);
  t.match(await badInput.json(), { code: 'invalid_parameter', message: /input parameter format/ });

  const prefix = await post('parapet/dispatch', JSON.stringify({ input: {} }));
  t.equal(prefix.status, 400, 'a path above the entrypoints is refused, not answered partially');
  t.match(await prefix.json(), { code: 'invalid_parameter', message: /entrypoint/ });

  const forbidden = await fetch(`${server.url}/v1/data/${S3_DENY}`, { method: 'POST', headers: { authorization: `Bearer ${await server.token('logs:read')}`, 'content-type': 'application/json' }, body: '{"input":{}}' });
  t.equal(forbidden.status, 403);
});

/** Rego sets come out as arrays whose order differs between OPA and the wasm engine: compare them as sets. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

t.test('a real opa run --server with the same bundle answers the same decisions', async (t) => {
  const bundleFile = join(dir, 'same.tar.gz');
  const keyFile = join(dir, 'pub.pem');
  writeFileSync(bundleFile, bytes);
  writeFileSync(keyFile, keys.publicKey);
  const port = await freePort();
  const opa: ChildProcess = spawn(opaBinary(), ['run', '--server', '--addr', `127.0.0.1:${port}`, '--log-level', 'error', '--verification-key', keyFile, '--bundle', bundleFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  opa.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  t.teardown(() => opa.kill('SIGTERM'));
  const opaUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${opaUrl}/health?bundles`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100) throw new Error(`opa did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ours = new OPAClient(server.url, { headers: { authorization: `Bearer ${server.admin}` } });
  const theirs = new OPAClient(opaUrl);
  for (const path of [S3_DENY, dispatch, `${dispatch}/aws.s3.bucket_public_access_block`]) {
    for (const [i, input] of inputs.entries()) {
      const [a, b] = await Promise.all([ours.evaluate(path, input), theirs.evaluate(path, input)]);
      t.same(canonical(a), canonical(b), `${path.split('/').slice(-2).join('/')} input ${i}: same decision`);
    }
  }
  // Undefined in both: neither response has a result.
  const undefOpa = (await (await fetch(`${opaUrl}/v1/data/no/such/rule`, { method: 'POST', body: '{"input":{}}' })).json()) as Record<string, unknown>;
  t.notOk('result' in undefOpa, 'OPA: no result for an undefined path');
});
