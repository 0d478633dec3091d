/**
 * Reading and writing OPA bundle archives (gzipped tar) without trusting them:
 * the archive size, the total inflated size and every file's size are capped while
 * streaming (a gzip bomb stops at the cap, it is never inflated whole), and only
 * plain files with clean relative paths are accepted.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar';
import { ParapetError } from '../../common/errors.js';

export interface BundleLimits {
  /** The compressed archive. */
  maxArchiveBytes: number;
  /** Everything inflated from it (tar headers included). */
  maxUncompressedBytes: number;
  /** Any one file in it. */
  maxFileBytes: number;
  /** How many files it may hold. */
  maxFiles: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxArchiveBytes: 64 * 1024 * 1024,
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxFileBytes: 128 * 1024 * 1024,
  maxFiles: 10_000,
};

/** A file of a bundle; `path` is relative to the bundle root, without a leading slash. */
export interface ArchiveEntry {
  path: string;
  data: Buffer;
}

export interface ReadArchive {
  bytes: Buffer;
  digest: string;
  entries: ArchiveEntry[];
  /** Bytes gunzip produced (for the record: how far a hostile archive got). */
  inflated: number;
}

export function bundleError(source: string, reason: string, message: string, details?: unknown): ParapetError {
  return new ParapetError(`bundle_${reason}`, `bundle ${source}: ${message}`, { details });
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Reads a bundle archive from a file or a buffer, enforcing `limits` as it streams. */
export async function readArchive(
  input: string | Uint8Array,
  options: { source?: string; limits?: Partial<BundleLimits> } = {},
): Promise<ReadArchive> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const source = options.source ?? (typeof input === 'string' ? input : '<buffer>');
  let bytes: Buffer;
  if (typeof input === 'string') {
    let size: number;
    try {
      size = statSync(input).size;
    } catch (err) {
      throw bundleError(source, 'not_found', `cannot read it (${(err as Error).message})`);
    }
    if (size > limits.maxArchiveBytes) {
      throw bundleError(source, 'too_large', `archive is ${size} bytes, over the ${limits.maxArchiveBytes}-byte limit`);
    }
    bytes = readFileSync(input);
  } else {
    bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  }
  if (bytes.length > limits.maxArchiveBytes) {
    throw bundleError(source, 'too_large', `archive is ${bytes.length} bytes, over the ${limits.maxArchiveBytes}-byte limit`);
  }

  const entries: ArchiveEntry[] = [];
  const seen = new Set<string>();
  let inflated = 0;
  let failure: ParapetError | undefined;
  const fail = (err: ParapetError) => {
    failure ??= err;
    counter.destroy(err);
  };

  // Counts inflated bytes before the tar parser sees them, so the cap holds whatever the headers claim.
  const counter = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      inflated += chunk.length;
      if (inflated > limits.maxUncompressedBytes) {
        const err = bundleError(
          source,
          'too_large',
          `inflates to more than ${limits.maxUncompressedBytes} bytes (stopped after ${inflated})`,
          { inflated },
        );
        failure ??= err;
        done(err);
        return;
      }
      done(null, chunk);
    },
  });

  const parser = new tar.Parser({
    strict: true,
    onwarn: (code: string, message: string | Error) => {
      fail(bundleError(source, 'corrupt', `not a valid tar archive (${code}: ${String(message)})`));
    },
    onReadEntry: (entry: tar.ReadEntry) => {
      if (failure) return entry.resume();
      const raw = entry.path;
      if (entry.type === 'Directory') {
        checkPath(source, raw);
        return entry.resume();
      }
      if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
        fail(bundleError(source, 'link', `${raw} is a ${entry.type === 'Link' ? 'hard link' : 'symbolic link'}; bundles hold plain files only`));
        return entry.resume();
      }
      if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
        fail(bundleError(source, 'file_type', `${raw} is a ${entry.type} entry; bundles hold plain files only`));
        return entry.resume();
      }
      let path: string;
      try {
        path = checkPath(source, raw);
      } catch (err) {
        fail(err as ParapetError);
        return entry.resume();
      }
      if (seen.has(path)) {
        fail(bundleError(source, 'duplicate_path', `${raw} appears twice`));
        return entry.resume();
      }
      seen.add(path);
      if (seen.size > limits.maxFiles) {
        fail(bundleError(source, 'too_many_files', `holds more than ${limits.maxFiles} files`));
        return entry.resume();
      }
      if (entry.size > limits.maxFileBytes) {
        fail(bundleError(source, 'file_too_large', `${raw} is ${entry.size} bytes, over the ${limits.maxFileBytes}-byte per-file limit`));
        return entry.resume();
      }
      const chunks: Buffer[] = [];
      let size = 0;
      entry.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxFileBytes) {
          fail(bundleError(source, 'file_too_large', `${raw} exceeds the ${limits.maxFileBytes}-byte per-file limit`));
          return;
        }
        chunks.push(chunk);
      });
      entry.on('end', () => {
        if (!failure) entries.push({ path, data: Buffer.concat(chunks, size) });
      });
    },
  });

  try {
    await pipeline(Readable.from([bytes]), createGunzip(), counter, parser);
  } catch (err) {
    if (failure) throw failure;
    throw bundleError(source, 'corrupt', `not a gzipped tar archive (${(err as Error).message})`);
  }
  if (failure) throw failure;
  return { bytes, digest: sha256Digest(bytes), entries, inflated };
}

/**
 * Bundle paths are rooted at the bundle: OPA writes `/data.json`, so one leading
 * slash means the root. Anything that could name a place outside it is refused.
 */
function checkPath(source: string, raw: string): string {
  if (raw.includes('\0') || raw.includes('\\')) {
    throw bundleError(source, 'bad_path', `${JSON.stringify(raw)} has a NUL or backslash`);
  }
  if (raw.startsWith('//') || /^[A-Za-z]:/.test(raw)) {
    throw bundleError(source, 'absolute_path', `${raw} is an absolute path outside the bundle root`);
  }
  const path = raw.replace(/^\//, '').replace(/\/$/, '');
  const segments = path.split('/');
  if (segments.includes('..')) throw bundleError(source, 'path_traversal', `${raw} climbs out of the bundle with ..`);
  if (path === '' || segments.some((s) => s === '' || s === '.')) {
    throw bundleError(source, 'bad_path', `${JSON.stringify(raw)} is not a clean relative path`);
  }
  return path;
}

/**
 * Writes a bundle archive (OPA layout: every member rooted at `/`) with fixed
 * modes and times, so the same files always give the same digest.
 */
export async function writeArchive(entries: ArchiveEntry[]): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-archive-'));
  try {
    const root = join(dir, 'root');
    for (const entry of entries) {
      const file = join(root, entry.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, entry.data);
      chmodSync(file, 0o644);
      utimesSync(file, 0, 0);
    }
    const out = join(dir, 'bundle.tar.gz');
    await tar.create(
      { gzip: { level: 9 }, cwd: root, file: out, portable: true, mtime: new Date(0), prefix: '/' },
      entries.map((e) => e.path),
    );
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
