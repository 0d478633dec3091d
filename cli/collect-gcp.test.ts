import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { distModule } from '../common/paths.js';
import { startFakeAssetServer } from '../collectors/gcp/testing/server.js';
import { DEV, FOLDER, ORG, PROD, testEstate } from '../collectors/gcp/testing/estate.js';
import { Command } from 'commander';
import { gcpClientOptions, registerGcp } from './collect-gcp.js';

/** The command in this process, for what needs no exit code: option checks, --allow-partial. */
async function inProcess(...args: string[]): Promise<void> {
  const program = new Command('parapet').exitOverride();
  registerGcp(program.command('collect'));
  await program.parseAsync(['collect', 'gcp', ...args], { from: 'user' });
}

const dir = await mkdtemp(join(tmpdir(), 'parapet-cli-gcp-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
const server = await startFakeAssetServer({
  assets: testEstate(30),
  projectIds: { [PROD.id]: PROD.number, [DEV.id]: DEV.number },
  faults: [{ parent: `folders/${FOLDER}`, code: grpc.status.PERMISSION_DENIED, times: Infinity }],
});
t.teardown(() => server.close());

function parapet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [distModule('cli', 'main.js'), ...args], { env: { PATH: process.env.PATH, HOME: dir } },
      (err, stdout, stderr) => resolve({ code: err ? (err.code as number) : 0, stdout, stderr }));
  });
}

t.test('collect gcp writes a complete inventory and says so', async (t) => {
  const out = join(dir, 'org.ndjson');
  const r = await parapet('collect', 'gcp', '--organization', ORG, '--out', out, '--page-size', '7', '--api-endpoint', `127.0.0.1:${server.port}`, '--no-facts');
  t.equal(r.code, 0, r.stderr);
  t.match(r.stderr, new RegExp(`wrote 38 resources from 1 scope to ${out}`));
  t.notMatch(r.stderr, /resources \d+ \| pages/, 'no progress line when stderr is not a terminal');
  const lines = (await readFile(out, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
  t.match(lines[0], { version: 'parapet.inventory/v1', sources: [{ scope: `gcp:organizations/${ORG}`, complete: true, resource_count: 38 }] });
  t.equal(lines.length, 39);
});

t.test('a partial collection exits 2 unless --allow-partial; the inventory is written either way', async (t) => {
  const out = join(dir, 'partial.json');
  const r = await parapet('collect', 'gcp', '--project', PROD.id, '--folder', FOLDER, '--out', out, '--api-endpoint', `127.0.0.1:${server.port}`, '--no-facts');
  t.equal(r.code, 2);
  t.match(r.stderr, /1 incomplete/);
  t.match(r.stderr, new RegExp(`gcp:folders/${FOLDER}: .*PERMISSION_DENIED`));
  t.match(r.stderr, /the collection is partial: 1 of 2 scopes .*\[collect_partial\]/);
  const doc = JSON.parse(await readFile(out, 'utf8'));
  t.equal(doc.resources.length, 5);
  t.same(doc.sources.map((s: { scope: string; complete: boolean }) => [s.scope, s.complete]), [[`gcp:folders/${FOLDER}`, false], [`gcp:projects/${PROD.id}`, true]]);

  await inProcess('--project', PROD.id, '--folder', FOLDER, '--out', out, '--allow-partial', '--api-endpoint', `127.0.0.1:${server.port}`, '--no-facts');
  t.equal(JSON.parse(await readFile(out, 'utf8')).resources.length, 5, '--allow-partial accepts it');
});

t.test('bad options are clear errors', async (t) => {
  const out = join(dir, 'never.ndjson');
  await t.rejects(inProcess('--out', out), { code: 'gcp_no_scope', message: /name at least one --organization, --folder or --project/ });
  await t.rejects(inProcess('--organization', 'example.com', '--out', out, '--api-endpoint', `127.0.0.1:${server.port}`, '--no-facts'), { code: 'gcp_bad_scope' });
  await t.rejects(inProcess('--project', 'p', '--page-size', '5000', '--out', out), { code: 'bad_option', message: /--page-size must be an integer from 1 to 1000/ });
  await t.rejects(inProcess('--project', 'p', '--retries', '-1', '--out', out), { code: 'bad_option', message: /--retries/ });
  t.notOk(existsSync(out), 'nothing is written when the collection cannot start');
  await t.rejects(gcpClientOptions('http://x'), { code: 'gcp_bad_endpoint' });
  t.match(await gcpClientOptions('cloudasset.googleapis.com'), { apiEndpoint: 'cloudasset.googleapis.com' });
  t.notOk((await gcpClientOptions('cloudasset.googleapis.com'))!.sslCreds, 'a remote endpoint keeps TLS and credentials');
  t.match(await gcpClientOptions('127.0.0.1:8443'), { apiEndpoint: '127.0.0.1', port: 8443, universeDomain: 'googleapis.com' });
  t.ok((await gcpClientOptions('127.0.0.1:8443'))!.sslCreds);
});
