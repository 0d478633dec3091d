/**
 * The bundle registry: signatures, immutable versions, activation and roll back,
 * a broken bundle that leaves the active one serving, activation under load, and the
 * bundle-service endpoint polled by a real `opa run` (download, verify, activate,
 * then a new version picked up by long polling).
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { opaBinary } from '../common/opa.js';
import { bucket, fixtureBundle, freePort, keyPair, S3_DENY, tempDir, testServer, type TestServer } from './testing.js';

const { dir, remove } = tempDir();
t.teardown(remove);
const keys = keyPair();
const otherKeys = keyPair();
let server: TestServer;
const archives: Record<string, Buffer> = {};

t.before(async () => {
  const [v1, v2, v3, unsigned, foreign] = await Promise.all([
    fixtureBundle(join(dir), 'fixture', '1.0.0', keys.privateKey),
    fixtureBundle(join(dir), 'fixture', '2.0.0', keys.privateKey),
    fixtureBundle(join(dir), 'fixture', '3.0.0', keys.privateKey),
    fixtureBundle(join(dir), 'unsigned', '1.0.0'),
    fixtureBundle(join(dir), 'foreign', '1.0.0', otherKeys.privateKey),
  ]);
  Object.assign(archives, { v1, v2, v3, unsigned, foreign });
  server = await testServer(dir, { verificationKeys: [keys.publicKey] });
});
t.teardown(() => server?.close());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const publish = (bytes: Buffer, query = '', s = () => server) =>
  fetch(`${s().url}/v1/bundles${query}`, { method: 'POST', headers: { ...auth(s().admin), 'content-type': 'application/gzip' }, body: bytes });
const call = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { ...auth(server.admin), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
async function revisionServed(url = server.url, token = server.admin): Promise<string | undefined> {
  const res = await fetch(`${url}/v1/data/${S3_DENY}?provenance=true`, { method: 'POST', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify({ input: { resource: bucket('b', false), facts: {} } }) });
  if (res.status !== 200) throw new Error(`decision failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { provenance: { bundles: Record<string, { revision: string }> } }).provenance.bundles.fixture?.revision;
}

t.test('publishing needs a signature by a configured key; versions are immutable', async (t) => {
  const unsigned = await publish(archives.unsigned!);
  t.equal(unsigned.status, 400);
  t.match(await unsigned.json(), { code: 'bundle_signature_missing', message: /signature is required/ });
  const foreign = await publish(archives.foreign!);
  t.equal(foreign.status, 400, 'signed by an unknown key');
  t.match(((await foreign.json()) as { code: string }).code, /^bundle_signature/);

  const writer = await server.token('bundles:read');
  const forbidden = await fetch(`${server.url}/v1/bundles`, { method: 'POST', headers: { ...auth(writer), 'content-type': 'application/gzip' }, body: archives.v1 });
  t.equal(forbidden.status, 403, 'publishing needs bundles:write');

  const first = await publish(archives.v1!);
  t.equal(first.status, 201);
  const body = (await first.json()) as { bundle: { digest: string; signed: boolean; active: boolean; rules: number } };
  t.match(body.bundle, { signed: true, active: false, rules: 2, digest: /^sha256:[0-9a-f]{64}$/ });
  const again = await publish(archives.v1!);
  t.equal(again.status, 200, 're-publishing the same bytes is a no-op');
  t.same(((await again.json()) as { created: boolean }).created, false);

  const rebuilt = await fixtureBundle(join(dir, 'rebuilt'), 'fixture', '1.0.0', otherKeys.privateKey);
  const dev = await testServer(dir, { verificationKeys: [keys.publicKey, otherKeys.publicKey] });
  t.teardown(() => dev.close());
  await publish(archives.v1!, '', () => dev);
  const conflict = await publish(rebuilt, '', () => dev);
  t.equal(conflict.status, 409, 'other bytes under a published version are refused');
  t.match(await conflict.json(), { code: 'bundle_version_exists', message: /immutable/ });
});

t.test('dev mode accepts unsigned bundles', async (t) => {
  const dev = await testServer(dir, { dev: true });
  t.teardown(() => dev.close());
  const res = await publish(archives.unsigned!, '?activate=true', () => dev);
  t.equal(res.status, 201);
  t.match(await res.json(), { bundle: { name: 'unsigned', signed: false, active: true } });
});

t.test('activate, inspect, roll back, delete inactive versions', async (t) => {
  t.equal((await publish(archives.v2!)).status, 201);
  t.equal((await call('POST', '/v1/bundles/fixture/activate', { version: '1.0.0' })).status, 200);
  t.equal(await revisionServed(), 'fixture@1.0.0');
  const activation = (await (await call('POST', '/v1/bundles/fixture/activate', { version: '2.0.0' })).json()) as { previous_version: string };
  t.equal(activation.previous_version, '1.0.0');
  t.equal(await revisionServed(), 'fixture@2.0.0');

  const inspect = (await (await call('GET', '/v1/bundles/fixture/versions/2.0.0')).json()) as { active: boolean; manifest: { revision: string }; entrypoints: string[] };
  t.equal(inspect.active, true);
  t.equal(inspect.manifest.revision, 'fixture@2.0.0');
  t.ok(inspect.entrypoints.includes(S3_DENY));
  const list = (await (await call('GET', '/v1/bundles')).json()) as { bundles: Array<{ name: string; active_version: string; serving: string; versions: number }> };
  t.match(list.bundles.find((b) => b.name === 'fixture'), { active_version: '2.0.0', serving: '2.0.0', versions: 2 });

  const rolled = (await (await call('POST', '/v1/bundles/fixture/rollback')).json()) as { version: string };
  t.equal(rolled.version, '1.0.0');
  t.equal(await revisionServed(), 'fixture@1.0.0', 'roll back serves the previous version');

  const activeDelete = await call('DELETE', '/v1/bundles/fixture/versions/1.0.0');
  t.equal(activeDelete.status, 409, 'the active version cannot be deleted');
  t.equal((await call('DELETE', '/v1/bundles/fixture/versions/2.0.0')).status, 204);
  t.equal((await call('GET', '/v1/bundles/fixture/versions/2.0.0')).status, 404);
  const missing = await call('POST', '/v1/bundles/fixture/activate', { version: '9.9.9' });
  t.equal(missing.status, 404);
  t.equal((await call('POST', '/v1/bundles/fixture/activate', {})).status, 400, 'activate names a version');
});

t.test('a bundle that fails to load leaves the active version serving and says why', async (t) => {
  t.equal((await publish(archives.v3!)).status, 201);
  // The stored archive is damaged after publishing (disk corruption, a bad restore).
  await server.context.store.db.updateTable('bundle_versions').set({ content: Buffer.from('not a gzip archive') }).where('name', '=', 'fixture').where('version', '=', '3.0.0').execute();
  const res = await call('POST', '/v1/bundles/fixture/activate', { version: '3.0.0' });
  t.equal(res.status, 422);
  const body = (await res.json()) as { code: string; message: string };
  t.match(body.message, /3\.0\.0 cannot be activated: .*; 1\.0\.0 keeps serving/);
  t.equal(await revisionServed(), 'fixture@1.0.0', 'the previous version still answers');
  const health = (await (await fetch(`${server.url}/health?bundles`)).json()) as { ready: boolean; bundles: { failed: Array<{ name: string; version: string; message: string }> } };
  t.equal(health.ready, true, 'still ready: the bundle serves');
  t.match(health.bundles.failed, [{ name: 'fixture', version: '3.0.0', message: /3\.0\.0/ }]);
  const detail = (await (await call('GET', '/v1/bundles/fixture')).json()) as { serving: string; failure: { version: string } };
  t.equal(detail.serving, '1.0.0');
  t.equal(detail.failure.version, '3.0.0');

  const broken = await publish(Buffer.from('garbage'));
  t.equal(broken.status, 400, 'a broken upload is refused with its reason');
  t.match(((await broken.json()) as { code: string }).code, /^bundle_/);
});

t.test('activation swaps atomically under load: no request fails', async (t) => {
  t.equal((await publish(archives.v2!)).status, 201);
  const token = await server.token('evaluate');
  let stop = false;
  let ok = 0;
  const failures: string[] = [];
  const seen = new Set<string>();
  const worker = async () => {
    while (!stop) {
      try {
        const revision = await revisionServed(server.url, token);
        if (revision) seen.add(revision);
        ok++;
      } catch (err) {
        failures.push(String(err));
      }
    }
  };
  const load = Array.from({ length: 8 }, worker);
  for (const version of ['2.0.0', '1.0.0', '2.0.0', '1.0.0', '2.0.0']) {
    await new Promise((r) => setTimeout(r, 150));
    const res = await call('POST', '/v1/bundles/fixture/activate', { version });
    t.equal(res.status, 200, `activated ${version}`);
  }
  await new Promise((r) => setTimeout(r, 150));
  stop = true;
  await Promise.all(load);
  t.same(failures, [], 'zero failed requests');
  t.ok(ok > 50, `${ok} decisions answered during the swaps`);
  t.same([...seen].sort(), ['fixture@1.0.0', 'fixture@2.0.0'], 'both versions answered');
});

t.test('bundle service: ETag, 304, long polling', async (t) => {
  const reader = await server.token('bundles:read');
  const get = (headers: Record<string, string> = {}) => fetch(`${server.url}/bundles/fixture`, { headers: { ...auth(reader), ...headers } });
  const first = await get();
  t.equal(first.status, 200);
  const etag = first.headers.get('etag')!;
  t.equal(etag, `"${server.context.registry.get('fixture')!.digest}"`, 'ETag is the digest');
  t.same(Buffer.from(await first.arrayBuffer()), archives.v2, 'the active archive, byte for byte');
  t.equal((await get({ 'if-none-match': etag })).status, 304);

  const started = Date.now();
  const timedOut = await get({ 'if-none-match': etag, prefer: 'wait=1' });
  t.equal(timedOut.status, 304, 'a long poll with nothing new ends in 304');
  t.ok(Date.now() - started >= 900, 'held for the wait');
  t.equal(timedOut.headers.get('content-type'), 'application/vnd.openpolicyagent.bundles', 'the content type that keeps OPA long polling');

  const pending = get({ 'if-none-match': etag, prefer: 'wait=30' });
  await new Promise((r) => setTimeout(r, 200));
  await call('POST', '/v1/bundles/fixture/activate', { version: '1.0.0' });
  const changed = await pending;
  t.equal(changed.status, 200, 'the activation answers the waiting poll');
  t.same(Buffer.from(await changed.arrayBuffer()), archives.v1);
  t.equal((await fetch(`${server.url}/bundles/fixture`)).status, 401, 'the bundle service needs a token');
  t.equal((await get().then(() => fetch(`${server.url}/bundles/nope`, { headers: auth(reader) }))).status, 404);
});

t.test('a real opa run downloads, verifies and activates from Parapet, then long-polls the next version', async (t) => {
  const reader = await server.token('bundles:read');
  const config = join(dir, 'opa-config.yaml');
  writeFileSync(
    config,
    JSON.stringify({
      services: { parapet: { url: server.url, credentials: { bearer: { token: reader } } } },
      bundles: { fixture: { service: 'parapet', resource: 'bundles/fixture', signing: { keyid: 'parapet' }, polling: { min_delay_seconds: 60, max_delay_seconds: 120, long_polling_timeout_seconds: 20 } } },
      keys: { parapet: { key: keys.publicKey, algorithm: 'RS256' } },
    }),
  );
  const port = await freePort();
  const opa = spawn(opaBinary(), ['run', '--server', '--addr', `127.0.0.1:${port}`, '--log-level', 'error', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  opa.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  t.teardown(() => opa.kill('SIGTERM'));
  const opaUrl = `http://127.0.0.1:${port}`;
  const opaRevision = async () => {
    const res = await fetch(`${opaUrl}/v1/data/${S3_DENY}?provenance=true`, { method: 'POST', body: JSON.stringify({ input: { resource: bucket('b', false), facts: {} } }) });
    const body = (await res.json()) as { result?: unknown[]; provenance?: { bundles?: Record<string, { revision: string }> } };
    return { revision: body.provenance?.bundles?.fixture?.revision, denied: body.result?.length };
  };
  const until = async (what: string, check: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await check().catch(() => false)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} did not happen within ${ms} ms; opa said: ${stderr}`);
  };
  await until('OPA activating the bundle', async () => (await fetch(`${opaUrl}/health?bundles`)).ok, 15_000);
  t.same(await opaRevision(), { revision: 'fixture@1.0.0', denied: 3 }, 'OPA serves the bundle it downloaded and verified');

  const started = Date.now();
  await call('POST', '/v1/bundles/fixture/activate', { version: '2.0.0' });
  // Periodic polling would take at least 60 s here; long polling takes about a round trip.
  await until('OPA picking up 2.0.0', async () => (await opaRevision()).revision === 'fixture@2.0.0', 10_000);
  t.ok(Date.now() - started < 10_000, `OPA activated the new version ${Date.now() - started} ms after Parapet did`);
});
