import t from 'tap';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { isParapetError } from '../common/errors.js';
import { opaBinary } from '../common/opa.js';
import { fromRoot } from '../common/paths.js';
import { readArchive, writeArchive } from '../engine/bundle/archive.js';
import { buildBundle, typeKey } from '../engine/bundle/build.js';
import { loadBundle } from '../engine/bundle/load.js';
import { signBundle } from '../engine/bundle/sign.js';
import { verifyBundle } from '../engine/bundle/verify.js';
import type { BundleManifest } from '../engine/bundle/types.js';

const exec = promisify(execFile);
const policiesDir = fromRoot('engine', 'bundle', 'testdata', 'policies');
const definition = fromRoot('engine', 'bundle', 'testdata', 'bundles', 'fixture.json');
const work = mkdtempSync(join(tmpdir(), 'parapet-build-test-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (k: { export(o: object): string | Buffer }, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }).toString();
const keys = {
  RS256: { priv: pem(rsa.privateKey, 'pkcs8'), pub: pem(rsa.publicKey, 'spki') },
  ES256: { priv: pem(ec.privateKey, 'pkcs8'), pub: pem(ec.publicKey, 'spki') },
};
const otherPub = pem(other.publicKey, 'spki');
function keyFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

/** `opa build --verification-key` is OPA's own bundle verifier. */
async function opaVerifies(bundle: string, pubPem: string, alg: string): Promise<{ ok: boolean; stderr: string }> {
  try {
    await exec(opaBinary(), ['build', '-b', bundle, '--verification-key', keyFile(`v-${alg}.pem`, pubPem), '--signing-alg', alg, '-o', join(work, 'verify-out.tar.gz')]);
    return { ok: true, stderr: '' };
  } catch (err) {
    return { ok: false, stderr: String((err as { stderr?: string }).stderr) };
  }
}

let built: Awaited<ReturnType<typeof buildBundle>>;
t.before(async () => {
  built = await buildBundle(definition, { policiesDir, outDir: join(work, 'out') });
});

t.test('builds an OPA wasm bundle with the Parapet manifest', async (t) => {
  t.equal(built.file, join(work, 'out', 'fixture-1.2.3.tar.gz'));
  t.match(built.digest, /^sha256:[0-9a-f]{64}$/);
  t.equal(built.rules, 2, 'the GCP rule maps to neither framework, so it is left out');
  const archive = await readArchive(built.file);
  const paths = archive.entries.map((e) => e.path).sort();
  t.ok(paths.includes('policy.wasm') && paths.includes('data.json') && paths.includes('.manifest'));
  t.ok(paths.includes('policies/aws/s3/bucket_public_access_block.rego'));
  t.notOk(paths.some((p) => p.endsWith('_test.rego')), 'tests stay out of the bundle');
  const manifest = JSON.parse(archive.entries.find((e) => e.path === '.manifest')!.data.toString()) as BundleManifest;
  t.equal(manifest.revision, 'fixture@1.2.3');
  t.same(manifest.roots, ['parapet']);
  const s3 = `parapet/dispatch/resource/${typeKey('AWS::S3::Bucket')}/results`;
  const s3Batch = `parapet/dispatch/resource/${typeKey('AWS::S3::Bucket')}/batch`;
  t.same(manifest.wasm!.map((w) => w.entrypoint).sort(), ['parapet/dispatch/account/aws/results', s3, s3Batch].sort());
  const p = manifest.metadata!.parapet!;
  t.same(p.bundle, { name: 'fixture', version: '1.2.3', description: 'Test bundle over the fixture rule tree', opa_version: '1.22.3' });
  t.same(Object.keys(p.frameworks).sort(), ['cis-aws-3.0.0', 'pci-dss-4.0']);
  t.equal(p.frameworks['cis-aws-3.0.0']!.controls.length, 4, 'the full catalog travels with the bundle');
  t.same(p.dispatch, { resource: { 'AWS::S3::Bucket': s3 }, account: { aws: 'parapet/dispatch/account/aws/results' }, batch: { 'AWS::S3::Bucket': s3Batch } });
  t.same(p.rules.map((r) => r.id), ['aws.iam.password_min_length', 'aws.s3.bucket_public_access_block']);

  const again = await buildBundle(definition, { policiesDir, outDir: join(work, 'again') });
  t.equal(again.digest, built.digest, 'the same sources build to the same digest');
});

t.test('the compiled dispatch entrypoints evaluate in opa-wasm', async (t) => {
  const loaded = await loadBundle(built.file);
  const policy = await loadPolicy(loaded.wasm);
  const ep = loaded.parapet.dispatch.resource['AWS::S3::Bucket']!;
  const [result] = policy.evaluate({ resource: { id: 'arn:aws:s3:::open', name: 'open', config: {} }, facts: { 'Parapet::S3::AccountPublicAccessBlock': [] } }, ep);
  const denies = (result as { result: Record<string, Array<{ resource: string; msg: string }>> }).result['aws.s3.bucket_public_access_block']!;
  t.equal(denies.length, 4);
  t.equal(denies[0]!.resource, 'arn:aws:s3:::open');

  // The batch entrypoint: each resource's `results` with the shared facts, in order, as one call gives them alone.
  const resources = [{ id: 'arn:aws:s3:::open', name: 'open', config: {} }, { id: 'arn:aws:s3:::other', name: 'other', config: { PublicAccessBlock: {} } }];
  const facts = { 'Parapet::S3::AccountPublicAccessBlock': [] };
  const [batch] = policy.evaluate({ facts, resources }, loaded.parapet.dispatch.batch!['AWS::S3::Bucket']!);
  const alone = resources.map((resource) => (policy.evaluate({ resource, facts }, ep)[0] as { result: unknown }).result);
  t.same((batch as { result: unknown }).result, alone);
});

t.test('type keys are valid Rego and do not collide', async (t) => {
  t.match(typeKey('microsoft.storage/storageaccounts'), /^t_microsoft_storage_storageaccounts_[0-9a-f]{8}$/);
  t.not(typeKey('AWS::S3::Bucket'), typeKey('aws_s3_bucket'));
});

t.test('a rule calling a built-in outside the capabilities fails the build, naming its file', async (t) => {
  const dir = join(work, 'unsupported');
  cpSync(policiesDir, dir, { recursive: true });
  const file = join(dir, 'aws', 's3', 'bucket_public_access_block.rego');
  writeFileSync(file, readFileSync(file, 'utf8').replace('not account_blocks(setting)', 'not account_blocks(setting)\n\thttp.send({"method": "get", "url": "http://127.0.0.1:1"}).status_code != 200'));
  const err = await buildBundle(definition, { policiesDir: dir, outDir: join(work, 'out-bad') }).catch((e: Error) => e);
  t.ok(isParapetError(err, 'bundle_build_failed'));
  t.match((err as Error).message, `${file}:`);
  t.match((err as Error).message, /undefined function http\.send/);
});

for (const alg of ['RS256', 'ES256'] as const) {
  t.test(`${alg}: a bundle Parapet signs verifies with opa`, async (t) => {
    const signed = await signBundle(built.file, { privateKey: keys[alg].priv, algorithm: alg });
    const file = join(work, `parapet-signed-${alg}.tar.gz`);
    writeFileSync(file, signed.bytes);
    t.same(await opaVerifies(file, keys[alg].pub, alg), { ok: true, stderr: '' });
    const wrong = await opaVerifies(file, otherPub, 'RS256');
    t.notOk(wrong.ok, 'opa refuses it with another key');
    const mine = await verifyBundle(file, { publicKey: keys[alg].pub });
    t.equal(mine.algorithm, alg);
    t.equal(mine.keyId, 'default');
    t.equal((await loadBundle(file, { publicKey: keys[alg].pub })).signed, true);
  });

  t.test(`${alg}: a bundle signed by opa build --signing-key verifies in Parapet`, async (t) => {
    const tree = join(work, `opa-tree-${alg}`);
    mkdirSync(tree, { recursive: true });
    for (const e of (await readArchive(built.file)).entries) {
      mkdirSync(join(tree, e.path, '..'), { recursive: true });
      writeFileSync(join(tree, e.path), e.data);
    }
    const file = join(work, `opa-signed-${alg}.tar.gz`);
    await exec(opaBinary(), ['build', '-b', '.', '--signing-key', keyFile(`s-${alg}.pem`, keys[alg].priv), '--signing-alg', alg, '-o', file], { cwd: tree });
    const verified = await verifyBundle(file, { publicKey: keys[alg].pub });
    t.equal(verified.algorithm, alg);
    t.ok(verified.files.some((f) => f.name === '.manifest'), 'OPA signed the manifest too');
    const loaded = await loadBundle(file, { publicKey: keys[alg].pub, requireSignature: true });
    t.equal(loaded.signed, true);
    t.equal(loaded.manifest.revision, 'fixture@1.2.3');
    const err = await verifyBundle(file, { publicKey: otherPub }).catch((e: Error) => e);
    t.ok(isParapetError(err, 'bundle_signature_invalid'), 'the wrong key is refused');
  });
}

t.test('tampered, missing and extra files are refused by Parapet and by opa alike', async (t) => {
  const signed = await signBundle(built.file, { privateKey: keys.RS256.priv });
  const { entries } = await readArchive(signed.bytes);
  const variants: Array<[string, typeof entries, string]> = [
    ['tampered', entries.map((e) => (e.path.endsWith('bucket_public_access_block.rego') ? { ...e, data: Buffer.concat([e.data, Buffer.from('\n# edited\n')]) } : e)), 'bundle_signature_mismatch'],
    ['tampered manifest', entries.map((e) => (e.path === '.manifest' ? { ...e, data: Buffer.from(e.data.toString().replace('"severity":"high"', '"severity":"low"')) } : e)), 'bundle_signature_mismatch'],
    ['missing', entries.filter((e) => !e.path.endsWith('password_min_length.rego')), 'bundle_signed_file_missing'],
    ['extra', [...entries, { path: 'policies/extra.rego', data: Buffer.from('package parapet.extra\n') }], 'bundle_unsigned_file'],
  ];
  for (const [name, files, code] of variants) {
    const file = join(work, `${name.replace(' ', '-')}.tar.gz`);
    writeFileSync(file, await writeArchive(files));
    const err = await verifyBundle(file, { publicKey: keys.RS256.pub, source: name }).catch((e: Error) => e);
    t.ok(isParapetError(err, code), `${name}: ${code}`);
    t.match((err as Error).message, `bundle ${name}: `);
    t.notOk((await opaVerifies(file, keys.RS256.pub, 'RS256')).ok, `${name}: opa refuses it too`);
  }
  const layoutOnly = await writeArchive(entries);
  t.ok((await verifyBundle(layoutOnly, { publicKey: keys.RS256.pub })).files.length > 0, 'rewriting the archive without changes keeps it valid');
});
