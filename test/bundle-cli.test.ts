import t from 'tap';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distModule, fromRoot } from '../common/paths.js';

const work = mkdtempSync(join(tmpdir(), 'parapet-cli-test-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const fixture = fromRoot('engine', 'bundle', 'testdata');

function parapet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [distModule('cli', 'main.js'), ...args], { cwd: fromRoot(), env: cleanEnv() }, (err, stdout, stderr) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

t.test('bundle build --signing-key, verify, inspect', async (t) => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const priv = join(work, 'key.pem');
  const pub = join(work, 'key.pub.pem');
  writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  const built = await parapet(['bundle', 'build', join(fixture, 'bundles', 'fixture.json'), '--policies', join(fixture, 'policies'), '--out', work, '--signing-key', priv, '--signing-alg', 'ES256']);
  t.equal(built.code, 0, built.stderr);
  t.match(built.stdout, /built .*fixture-1\.2\.3\.tar\.gz\n {2}digest sha256:[0-9a-f]{64}\n {2}2 rules, 3 entrypoints, \d+ bytes, \d+ ms, signed/);
  const file = join(work, 'fixture-1.2.3.tar.gz');
  const verified = await parapet(['bundle', 'verify', file, '--verification-key', pub]);
  t.equal(verified.code, 0, verified.stderr);
  t.match(verified.stdout, /verified .*: 8 files signed with ES256 \(key id default\)/);
  const inspected = await parapet(['bundle', 'inspect', file, '--format', 'json', '--verification-key', pub]);
  const summary = JSON.parse(inspected.stdout);
  t.match(summary, { name: 'fixture', version: '1.2.3', revision: 'fixture@1.2.3', signed: true, verified: true, rules: 2, rules_by_provider: { aws: 2 }, rules_by_severity: { high: 1, medium: 1 } });
  t.same(summary.frameworks.map((f: { id: string }) => f.id), ['cis-aws-3.0.0', 'pci-dss-4.0']);
  const table = await parapet(['bundle', 'inspect', file]);
  t.match(table.stdout, /signed +yes \(not verified/);
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const otherPub = join(work, 'other.pub.pem');
  writeFileSync(otherPub, other.publicKey.export({ type: 'spki', format: 'pem' }));
  const refused = await parapet(['bundle', 'verify', file, '--verification-key', otherPub]);
  t.equal(refused.code, 2);
  t.match(refused.stderr, /^parapet: bundle .*fixture-1\.2\.3\.tar\.gz: signature does not verify with the configured key .*\[bundle_signature_invalid\]/);
});

t.test('policy new scaffolds a rule that passes test, lint and the build', async (t) => {
  const dir = join(work, 'policies');
  cpSync(join(fixture, 'policies'), dir, { recursive: true });
  const created = await parapet(['policy', 'new', 'aws/ec2/volume_encrypted', '--resource-type', 'AWS::EC2::Volume', '--severity', 'high', '--dir', dir]);
  t.equal(created.code, 0, created.stderr);
  const tested = await parapet(['policy', 'test', '--dir', dir]);
  t.equal(tested.code, 0, tested.stdout + tested.stderr);
  t.match(tested.stdout, /PASS: 11\/11 tests\ncoverage: \d+\.\d% of rule lines/);
  const linted = await parapet(['policy', 'lint', '--dir', dir]);
  t.equal(linted.code, 0, linted.stderr);
  t.match(linted.stdout, /metadata: 4 rules valid\nfmt: ok\ncheck --strict: ok/);
  const def = join(work, 'scaffold.json');
  writeFileSync(def, JSON.stringify({ name: 'scaffold', version: '0.1.0', frameworks: ['cis-aws-3.0.0'], include: ['aws/ec2/**'] }));
  const built = await parapet(['bundle', 'build', def, '--policies', dir, '--out', work]);
  t.equal(built.code, 0, built.stderr);
  t.match(built.stdout, /1 rules, 2 entrypoints/);
  const again = await parapet(['policy', 'new', 'aws/ec2/volume_encrypted', '--dir', dir]);
  t.equal(again.code, 2);
  t.match(again.stderr, /already exists \[policy_exists\]/);
});

t.test('policy coverage lists what no rule covers', async (t) => {
  const out = await parapet(['policy', 'coverage', '--format', 'json', '--dir', join(fixture, 'policies')]);
  t.equal(out.code, 0, out.stderr);
  const aws = JSON.parse(out.stdout).find((f: { framework: string }) => f.framework === 'cis-aws-3.0.0');
  t.match(aws, { controls: 4, automated: 3, covered: 2, not_covered: 2 });
  t.same(aws.uncovered.map((c: { id: string }) => c.id), ['1.1', '2.1.3']);
  t.match(aws.uncovered[1].needs_data, /MFA delete/);
});

/** The CLI (dist/cli/main.js, what bin/parapet loads; tap's require hooks cannot load the extensionless ESM bin itself). */
function cleanEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME };
}
