import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distModule } from '../common/paths.js';
import { makeTestTls, startFakeResourceGraph } from '../collectors/azure/testing/server.js';
import { SUB_A, SUB_B, testTables } from '../collectors/azure/testing/estate.js';
import { Command } from 'commander';
import { registerAzure } from './collect-azure.js';

async function inProcess(...args: string[]): Promise<void> {
  const program = new Command('parapet').exitOverride();
  registerAzure(program.command('collect'));
  await program.parseAsync(['collect', 'azure', ...args], { from: 'user' });
}

const dir = await mkdtemp(join(tmpdir(), 'parapet-cli-azure-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
const tls = makeTestTls();
const caFile = join(dir, 'ca.pem');
await writeFile(caFile, tls.ca);
const IDENTITY_HEADER = 'test-identity-header';
const server = await startFakeResourceGraph({
  tls, tables: testTables(1500), identityHeader: IDENTITY_HEADER, quota: { limit: 100, windowMs: 5000 },
  faults: [{ subscription: SUB_B, status: 503, times: Infinity }],
});
t.teardown(() => server.close());

/**
 * The child trusts the test CA through NODE_EXTRA_CA_CERTS and gets its token
 * from DefaultAzureCredential's managed identity (App Service) source, served
 * by the test server: the real credential chain, no network beyond loopback.
 */
function parapet(...args: string[]): Promise<{ code: number; stderr: string }> {
  const env = {
    PATH: process.env.PATH, HOME: dir, NODE_EXTRA_CA_CERTS: caFile,
    IDENTITY_ENDPOINT: `${server.url}/msi/token`, IDENTITY_HEADER,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [distModule('cli', 'main.js'), ...args], { env },
      (err, _stdout, stderr) => resolve({ code: err ? (err.code as number) : 0, stderr }));
  });
}

t.test('collect azure through DefaultAzureCredential and a trusted test CA', async (t) => {
  const out = join(dir, 'a.ndjson');
  const r = await parapet('collect', 'azure', '--subscription', SUB_A, '--out', out, '--endpoint', server.url);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stderr, /wrote 16 resources from 1 scope/);
  t.ok(server.tokenRequests.length >= 1, 'the token came from the managed identity endpoint');
  t.match(server.tokenRequests[0], /^https:\/\/management\.azure\.com/);
  const lines = (await readFile(out, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
  t.match(lines[0].sources, [{ scope: `azure:subscriptions/${SUB_A}`, complete: true, resource_count: 16 }]);
  t.equal(lines.length, 17);
  t.ok(server.calls.some((c) => c.table === 'arm'), 'ARM facts were asked for');
});

t.test('a subscription that keeps failing makes the run partial', async (t) => {
  const out = join(dir, 'b.ndjson');
  const r = await parapet('collect', 'azure', '--subscription', SUB_A, SUB_B, '--out', out, '--endpoint', server.url, '--retries', '1', '--no-facts');
  t.equal(r.code, 2);
  t.match(r.stderr, /\(2 incomplete\)/, 'one batch: both subscriptions are incomplete');
  t.match(r.stderr, /\[collect_partial\]/);
  const header = JSON.parse((await readFile(out, 'utf8')).split('\n', 1)[0]!);
  t.same(header.sources.map((s: { complete: boolean }) => s.complete), [false, false]);
  t.match(header.sources[0].errors[0], { code: 'ServerError', scope: /resources$/ });
});

t.test('bad options are clear errors', async (t) => {
  const out = join(dir, 'c.ndjson');
  await t.rejects(inProcess('--out', out), { code: 'azure_no_scope' });
  await t.rejects(inProcess('--subscription', SUB_A, '--out', out, '--endpoint', 'http://127.0.0.1:1'), { code: 'azure_bad_endpoint', message: /must use https/ });
  await t.rejects(inProcess('--subscription', SUB_A, '--out', out, '--endpoint', 'not a url'), { code: 'azure_bad_endpoint' });
  await t.rejects(inProcess('--subscription', 'prod', '--out', out, '--endpoint', server.url), { code: 'azure_bad_scope', message: /not a subscription id \(a GUID\): "prod"/ });
});
