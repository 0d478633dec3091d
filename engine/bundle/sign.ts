/**
 * Signs a bundle in OPA's own format: `/.signatures.json` holds one compact JWS whose
 * payload lists every file with its SHA-256 (v1/bundle/sign.go). `opa` verifies what
 * this writes, and `opa build --signing-key` output verifies in verify.ts.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { ParapetError } from '../../common/errors.js';
import { readArchive, sha256Digest, writeArchive, type ArchiveEntry, type BundleLimits } from './archive.js';
import { hashBundleFile } from './hash.js';

export const SIGNING_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];
export const SIGNATURES_FILE = '.signatures.json';
/** The key id `opa` assumes for `--verification-key` unless told otherwise. */
export const DEFAULT_KEY_ID = 'default';

export interface SigningOptions {
  /** PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC), or a KeyObject. */
  privateKey: string | KeyObject;
  /** Default RS256, as in `opa build`. */
  algorithm?: SigningAlgorithm;
  keyId?: string;
}

export interface FileInfo {
  name: string;
  hash: string;
  algorithm: string;
}

/** The `.signatures.json` document for these files (any existing signatures file is left out). */
export async function signatures(entries: ArchiveEntry[], options: SigningOptions): Promise<Buffer> {
  const algorithm = options.algorithm ?? 'RS256';
  if (!SIGNING_ALGORITHMS.includes(algorithm)) {
    throw new ParapetError('bundle_signing_failed', `unsupported signing algorithm ${algorithm}; use one of ${SIGNING_ALGORITHMS.join(', ')}`);
  }
  const keyId = options.keyId ?? DEFAULT_KEY_ID;
  let key: KeyObject;
  try {
    key = typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
  } catch (err) {
    throw new ParapetError('bundle_signing_failed', `the signing key is not a PEM private key (${(err as Error).message})`);
  }
  const files: FileInfo[] = entries
    .filter((e) => e.path !== SIGNATURES_FILE)
    .map((e) => ({ name: e.path, hash: hashBundleFile(e.path, e.data), algorithm: 'SHA-256' }));
  let token: string;
  try {
    token = await new SignJWT({ files, keyid: keyId }).setProtectedHeader({ alg: algorithm, kid: keyId, typ: 'JWT' }).sign(key);
  } catch (err) {
    throw new ParapetError('bundle_signing_failed', `cannot sign with a ${key.asymmetricKeyType} key as ${algorithm}: ${(err as Error).message}`);
  }
  return Buffer.from(JSON.stringify({ signatures: [token] }, null, 1));
}

/** Signs a bundle archive (replacing any signature it had); returns the new archive and its digest. */
export async function signBundle(
  input: string | Uint8Array,
  options: SigningOptions & { source?: string; limits?: Partial<BundleLimits> },
): Promise<{ bytes: Buffer; digest: string }> {
  const archive = await readArchive(input, { source: options.source, limits: options.limits });
  const files = archive.entries.filter((e) => e.path !== SIGNATURES_FILE);
  const signed = [{ path: SIGNATURES_FILE, data: await signatures(files, options) }, ...files];
  const bytes = await writeArchive(signed);
  return { bytes, digest: sha256Digest(bytes) };
}
