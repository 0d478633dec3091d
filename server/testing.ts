/** Test helpers for the decision service: built fixture bundles, a signing key pair, a server on a temporary store. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../common/paths.js';
import { buildBundle } from '../engine/bundle/build.js';
import { createServer, type ParapetServer, type ServerOptions } from './index.js';

export const FIXTURE_POLICIES = fromRoot('engine', 'bundle', 'testdata', 'policies');
/** The fixture's S3 rule, compiled as an extra entrypoint: a representative decision. */
export const S3_DENY = 'parapet/rules/aws/s3/bucket_public_access_block/deny';

export function keyPair(): { privateKey: string; publicKey: string } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Builds the fixture bundle as `name@version` (signed when a key is given); the archive bytes. */
export async function fixtureBundle(dir: string, name: string, version: string, signingKey?: string): Promise<Buffer> {
  mkdirSync(dir, { recursive: true });
  const def = join(dir, `${name}-${version}.json`);
  writeFileSync(def, JSON.stringify({ name, version, frameworks: ['cis-aws-3.0.0', 'pci-dss-4.0'], entrypoints: [S3_DENY] }));
  const built = await buildBundle(def, { policiesDir: FIXTURE_POLICIES, outDir: join(dir, 'out'), signingKey });
  return readFileSync(built.file);
}

export function tempDir(prefix = 'parapet-server-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer extends ParapetServer {
  url: string;
  admin: string;
  token(scopes: string): Promise<string>;
}

/** A server on a fresh SQLite file, listening on 127.0.0.1, with an admin token. */
export async function testServer(dir: string, options: ServerOptions = {}): Promise<TestServer> {
  const server = await createServer({ db: join(dir, `parapet-${Math.random().toString(36).slice(2)}.db`), tokenCacheMs: 0, pool: { threads: 2 }, ...options });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const token = async (scopes: string) => (await server.context.store.tokens.create({ name: `t-${scopes}`, scopes })).token;
  return { ...server, url, admin: await token('admin'), token };
}

export const bucket = (name: string, block: boolean) => ({
  id: `arn:aws:s3:::${name}`,
  provider: 'aws',
  type: 'AWS::S3::Bucket',
  account: '123456789012',
  region: 'us-east-1',
  name,
  tags: {},
  config: block
    ? { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }
    : { PublicAccessBlockConfiguration: { BlockPublicAcls: true } },
  observed_at: '2026-01-01T00:00:00Z',
});

/** A port the OS says is free on 127.0.0.1 right now (for a child process that needs a fixed --addr). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as import('node:net').AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
