/**
 * `parapet serve` as a process: a bundle published and activated from --bundle,
 * a decision over HTTP, and SIGTERM
 * ending it cleanly with the decision log flushed.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distModule } from '../common/paths.js';
import { openStore } from '../store/index.js';
import { bucket, fixtureBundle, keyPair, S3_DENY, tempDir, freePort } from '../server/testing.js';

const main = distModule('cli', 'main.js');
// Not the test runner's environment: its loader hooks are not for the child.
const env = { PATH: process.env.PATH, HOME: process.env.HOME };

t.test('parapet serve answers decisions and drains on SIGTERM', async (t) => {
  const { dir, remove } = tempDir();
  t.teardown(remove);
  const keys = keyPair();
  const archive = join(dir, 'fixture.tar.gz');
  writeFileSync(archive, await fixtureBundle(join(dir, 'build'), 'fixture', '1.0.0', keys.privateKey));
  writeFileSync(join(dir, 'pub.pem'), keys.publicKey);
  const db = join(dir, 'serve.db');
  const seed = await openStore({ location: db });
  const { token } = await seed.tokens.create({ name: 'svc', scopes: 'evaluate' });
  await seed.close();

  const port = await freePort();
  const child = spawn(process.execPath, [main, 'serve', '--db', db, '--port', String(port), '--threads', '1', '--verification-key', join(dir, 'pub.pem'), '--bundle', `fixture=${archive}`, '--decision-log-mask', '/input/resource/config'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.teardown(() => child.kill('SIGKILL'));

  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/health?bundles`).then((r) => r.ok, () => false)) break;
    if (i > 600) throw new Error(`parapet serve did not become ready in 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const res = await fetch(`${url}/v1/data/${S3_DENY}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ input: { resource: bucket('x', false), facts: {} } }) });
  t.equal(res.status, 200);
  t.equal(((await res.json()) as { result: unknown[] }).result.length, 3);

  child.kill('SIGTERM');
  t.equal(await exited, 0, 'SIGTERM ends the server cleanly');
  t.match(output, /shutting down/);
  t.notOk(output.includes(token), 'the token never reaches the logs');
  const store = await openStore({ location: db });
  t.teardown(() => store.close());
  const [logged] = await store.decisions.query({ path: S3_DENY });
  t.match(logged, { path: S3_DENY, input: { resource: { config: '**masked**' } } }, 'the decision was flushed, masked, before exit');
});
