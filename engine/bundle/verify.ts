/**
 * Verifies `/.signatures.json` the way OPA does (v1/bundle/verify.go): exactly one
 * JWS, signed by the configured key, whose payload lists every file of the bundle
 * with its digest — no file missing, none extra, none changed.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { bundleError, readArchive, type ArchiveEntry, type BundleLimits } from './archive.js';
import { hashBundleFile, NODE_HASHES, type HashAlgorithm } from './hash.js';
import { SIGNATURES_FILE, SIGNING_ALGORITHMS, type FileInfo, type SigningAlgorithm } from './sign.js';

export interface VerificationOptions {
  /** PEM public key (SPKI, PKCS#1 RSA) or certificate, or a KeyObject. */
  publicKey: string | KeyObject;
  /** Accept only this algorithm; default: any asymmetric one the key fits. */
  algorithm?: SigningAlgorithm;
  /** Expected `scope` claim (OPA's verification scope); default none. */
  scope?: string;
}

export interface Verified {
  keyId?: string;
  algorithm: string;
  files: FileInfo[];
}

/** Checks the signature of a bundle's files; throws `bundle_signature_*` / `bundle_*_file` errors naming `source`. */
export async function verifySignatures(source: string, entries: ArchiveEntry[], options: VerificationOptions): Promise<Verified> {
  const sigFile = entries.find((e) => e.path === SIGNATURES_FILE);
  if (!sigFile) throw bundleError(source, 'signature_missing', `has no ${SIGNATURES_FILE} but a signature is required`);
  let tokens: unknown;
  try {
    tokens = (JSON.parse(sigFile.data.toString('utf8')) as { signatures?: unknown }).signatures;
  } catch {
    throw bundleError(source, 'signature_invalid', `${SIGNATURES_FILE} is not JSON`);
  }
  if (!Array.isArray(tokens) || tokens.length !== 1 || typeof tokens[0] !== 'string') {
    throw bundleError(source, 'signature_invalid', `${SIGNATURES_FILE} must hold exactly one JWT`);
  }
  const token = tokens[0];
  let key: KeyObject;
  try {
    key = typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
  } catch (err) {
    throw bundleError(source, 'verification_key_invalid', `the verification key is not a PEM public key (${(err as Error).message})`);
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw bundleError(source, 'signature_invalid', `${SIGNATURES_FILE} holds a malformed JWT`);
  }
  const algorithms: string[] = options.algorithm ? [options.algorithm] : [...SIGNING_ALGORITHMS];
  if (!header.alg || !algorithms.includes(header.alg)) {
    throw bundleError(source, 'signature_invalid', `signature algorithm ${String(header.alg)} is not accepted (${algorithms.join(', ')})`);
  }
  let payload: { files?: unknown; scope?: unknown; keyid?: unknown };
  try {
    const verified = await compactVerify(token, key, { algorithms });
    payload = JSON.parse(Buffer.from(verified.payload).toString('utf8')) as typeof payload;
  } catch (err) {
    throw bundleError(source, 'signature_invalid', `signature does not verify with the configured key (${(err as Error).message})`);
  }
  if ((payload.scope ?? '') !== (options.scope ?? '')) {
    throw bundleError(source, 'signature_invalid', `signature scope ${JSON.stringify(payload.scope ?? '')} does not match ${JSON.stringify(options.scope ?? '')}`);
  }
  if (!Array.isArray(payload.files)) throw bundleError(source, 'signature_invalid', 'signature payload lists no files');
  const listed = new Map<string, FileInfo>();
  for (const f of payload.files as FileInfo[]) listed.set(String(f.name).replace(/^\//, ''), f);

  for (const entry of entries) {
    if (entry.path === SIGNATURES_FILE) continue;
    const info = listed.get(entry.path);
    if (!info) throw bundleError(source, 'unsigned_file', `${entry.path} is not covered by the signature`);
    if (!(info.algorithm in NODE_HASHES)) {
      throw bundleError(source, 'signature_invalid', `${entry.path} is hashed with ${info.algorithm}; accepted: ${Object.keys(NODE_HASHES).join(', ')}`);
    }
    let actual: string;
    try {
      actual = hashBundleFile(entry.path, entry.data, info.algorithm as HashAlgorithm);
    } catch (err) {
      throw bundleError(source, 'signature_mismatch', `${entry.path} cannot be hashed (${(err as Error).message})`);
    }
    if (actual !== String(info.hash).toLowerCase()) {
      throw bundleError(source, 'signature_mismatch', `${entry.path} was changed after signing (digest mismatch)`);
    }
    listed.delete(entry.path);
  }
  if (listed.size > 0) {
    throw bundleError(source, 'signed_file_missing', `signed file(s) missing from the bundle: ${[...listed.keys()].join(', ')}`);
  }
  return {
    keyId: (header.kid as string | undefined) ?? (payload.keyid as string | undefined),
    algorithm: header.alg,
    files: payload.files as FileInfo[],
  };
}

/** Reads a bundle archive and verifies its signature. */
export async function verifyBundle(
  input: string | Uint8Array,
  options: VerificationOptions & { source?: string; limits?: Partial<BundleLimits> },
): Promise<Verified & { digest: string }> {
  const source = options.source ?? (typeof input === 'string' ? input : '<buffer>');
  const archive = await readArchive(input, { source, limits: options.limits });
  return { ...(await verifySignatures(source, archive.entries, options)), digest: archive.digest };
}
