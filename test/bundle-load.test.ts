import t, { type Test } from 'tap';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { isParapetError } from '../common/errors.js';
import { fromRoot } from '../common/paths.js';
import { readArchive, writeArchive, type ArchiveEntry } from '../engine/bundle/archive.js';
import { buildBundle } from '../engine/bundle/build.js';
import { loadBundle, type LoadOptions } from '../engine/bundle/load.js';
import { signBundle } from '../engine/bundle/sign.js';

const work = mkdtempSync(join(tmpdir(), 'parapet-load-test-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const priv = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pub = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const otherPub = other.publicKey.export({ type: 'spki', format: 'pem' }).toString();

let good: ArchiveEntry[];
let signed: Buffer;
t.before(async () => {
  const built = await buildBundle(fromRoot('engine', 'bundle', 'testdata', 'bundles', 'fixture.json'), {
    policiesDir: fromRoot('engine', 'bundle', 'testdata', 'policies'),
    outDir: work,
  });
  good = (await readArchive(built.file)).entries;
  signed = (await signBundle(built.file, { privateKey: priv })).bytes;
});

interface Member {
  path: string;
  type?: string;
  data?: Buffer;
  linkpath?: string;
  size?: number;
}
/** A gzipped tar written header by header, so it can hold what no honest tool writes. */
function craft(members: Member[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const data = m.data ?? Buffer.alloc(0);
    const header = new Header({ path: m.path, type: (m.type ?? 'File') as 'File', size: m.size ?? data.length, mode: 0o644, mtime: new Date(0), linkpath: m.linkpath });
    header.encode();
    blocks.push(header.block!, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
const goodMembers = (): Member[] => good.map((e) => ({ path: `/${e.path}`, data: e.data }));

async function refused(t: Test, bytes: Buffer, code: string, message: RegExp, options: LoadOptions = {}) {
  const err = await loadBundle(bytes, { source: 'hostile.tar.gz', ...options }).then(
    () => undefined,
    (e: Error) => e,
  );
  t.ok(isParapetError(err, code), `refused with ${code} (got ${(err as { code?: string } | undefined)?.code})`);
  t.match((err as Error | undefined)?.message, /^bundle hostile\.tar\.gz: /);
  t.match((err as Error | undefined)?.message, message);
  return err as Error & { details?: { inflated?: number } };
}


t.test('the honest bundle loads, from a crafted archive too', async (t) => {
  const loaded = await loadBundle(craft(goodMembers()), { source: 'honest' });
  t.equal(loaded.manifest.revision, 'fixture@1.2.3');
  t.equal(loaded.signed, false);
});

t.test('path traversal', async (t) => {
  await refused(t, craft([...goodMembers(), { path: 'policies/../../etc/cron.d/x.rego', data: Buffer.from('x') }]), 'bundle_path_traversal', /climbs out/);
});
t.test('absolute path', async (t) => {
  await refused(t, craft([...goodMembers(), { path: '//etc/passwd.rego', data: Buffer.from('x') }]), 'bundle_absolute_path', /absolute/);
  await refused(t, craft([...goodMembers(), { path: 'C:/Windows/x.rego', data: Buffer.from('x') }]), 'bundle_absolute_path', /absolute/);
});
t.test('symbolic link', async (t) => {
  await refused(t, craft([{ path: 'data.json', type: 'SymbolicLink', linkpath: '/etc/passwd' }, ...goodMembers().filter((m) => m.path !== '/data.json')]), 'bundle_link', /symbolic link/);
});
t.test('hard link', async (t) => {
  await refused(t, craft([...goodMembers(), { path: 'policies/x.rego', type: 'Link', linkpath: '/etc/shadow' }]), 'bundle_link', /hard link/);
});
t.test('device', async (t) => {
  await refused(t, craft([...goodMembers(), { path: 'dev.rego', type: 'CharacterDevice' }]), 'bundle_file_type', /CharacterDevice/);
});
t.test('duplicate path', async (t) => {
  await refused(t, craft([...goodMembers(), { path: 'data.json', data: Buffer.from('{"a":1}') }]), 'bundle_duplicate_path', /appears twice/);
});
t.test('unexpected file', async (t) => {
  await refused(t, craft([...goodMembers(), { path: 'run.sh', data: Buffer.from('#!/bin/sh') }]), 'bundle_unexpected_file', /run\.sh/);
});
t.test('oversized archive and oversized file', async (t) => {
  await refused(t, craft(goodMembers()), 'bundle_too_large', /over the 1000-byte limit/, { limits: { maxArchiveBytes: 1000 } });
  await refused(t, craft(goodMembers()), 'bundle_file_too_large', /policy\.wasm is \d+ bytes, over the 65536-byte per-file limit/, { limits: { maxFileBytes: 65536 } });
});
t.test('a gzip bomb is stopped at the cap, not inflated', async (t) => {
  const cap = 4 * 1024 * 1024;
  const size = 64 * 1024 * 1024;
  const header = new Header({ path: 'data.json', type: 'File', size, mode: 0o644, mtime: new Date(0) });
  header.encode();
  const bomb = gzipSync(Buffer.concat([header.block!, Buffer.alloc(size)]), { level: 9 });
  t.ok(bomb.length < 128 * 1024, `the bomb is ${bomb.length} bytes compressed, ${size} inflated`);
  const err = await refused(t, bomb, 'bundle_too_large', /inflates to more than 4194304 bytes/, {
    limits: { maxUncompressedBytes: cap, maxFileBytes: 1024 * 1024 * 1024 },
  });
  const inflated = err.details!.inflated!;
  t.ok(inflated > cap && inflated <= cap + 64 * 1024, `stopped after ${inflated} bytes`);
});
t.test('not a gzipped tar', async (t) => {
  await refused(t, Buffer.from('just text'), 'bundle_corrupt', /gzipped tar/);
});
t.test('broken manifest', async (t) => {
  const members = goodMembers().map((m) => (m.path === '/.manifest' ? { ...m, data: Buffer.from('{"revision": ') } : m));
  await refused(t, craft(members), 'bundle_manifest_invalid', /not JSON/);
  const noRoots = goodMembers().map((m) => (m.path === '/.manifest' ? { ...m, data: Buffer.from('{"revision": 3, "roots": "parapet"}') } : m));
  await refused(t, craft(noRoots), 'bundle_manifest_invalid', /revision must be a string; roots must be a list/);
  const noParapet = goodMembers().map((m) => {
    if (m.path !== '/.manifest') return m;
    const manifest = JSON.parse(m.data!.toString());
    delete manifest.metadata;
    return { ...m, data: Buffer.from(JSON.stringify(manifest)) };
  });
  await refused(t, craft(noParapet), 'bundle_metadata_invalid', /not a Parapet bundle/);
});
t.test('batch dispatch: optional (older bundles), but every one it names must be a wasm entrypoint', async (t) => {
  const withManifest = (edit: (dispatch: Record<string, unknown>) => void) =>
    craft(goodMembers().map((m) => {
      if (m.path !== '/.manifest') return m;
      const manifest = JSON.parse(m.data!.toString());
      edit(manifest.metadata.parapet.dispatch);
      return { ...m, data: Buffer.from(JSON.stringify(manifest)) };
    }));
  const older = await loadBundle(withManifest((d) => delete d.batch), { source: 'older' });
  t.equal(older.parapet.dispatch.batch, undefined, 'a bundle without batch entrypoints loads');
  await refused(t, withManifest((d) => (d.batch = { 'AWS::S3::Bucket': 'parapet/dispatch/nowhere/batch' })), 'bundle_metadata_invalid', /dispatch entrypoint parapet\/dispatch\/nowhere\/batch is not a wasm entrypoint/);
  await refused(t, withManifest((d) => (d.batch = ['x'])), 'bundle_metadata_invalid', /dispatch batch must be a map/);
});
t.test('invalid wasm', async (t) => {
  const members = goodMembers().map((m) => (m.path === '/policy.wasm' ? { ...m, data: Buffer.from('\0asm garbage') } : m));
  await refused(t, craft(members), 'bundle_wasm_invalid', /not a valid WebAssembly module/);
});
t.test('valid wasm that is not an OPA policy', async (t) => {
  const empty = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const members = goodMembers().map((m) => (m.path === '/policy.wasm' ? { ...m, data: empty } : m));
  await refused(t, craft(members), 'bundle_wasm_abi', /missing exports eval, builtins, entrypoints/);
});
t.test('signature: wrong key, tampered file, missing signature when required', async (t) => {
  t.equal((await loadBundle(signed, { publicKey: pub })).signed, true);
  await refused(t, signed, 'bundle_signature_invalid', /does not verify with the configured key/, { publicKey: otherPub });
  const tampered = (await readArchive(signed)).entries.map((e) => (e.path === 'data.json' ? { ...e, data: Buffer.from('{"pwned": true}') } : e));
  await refused(t, await writeArchive(tampered), 'bundle_signature_mismatch', /data\.json was changed after signing/, { publicKey: pub });
  await refused(t, await writeArchive(good), 'bundle_signature_missing', /no \.signatures\.json but a signature is required/, { publicKey: pub });
  const err = await loadBundle(await writeArchive(good), { requireSignature: true }).catch((e: Error) => e);
  t.ok(isParapetError(err, 'bundle_verification_key_missing'), 'requiring a signature without a key is a configuration error');
});
