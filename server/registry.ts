/**
 * The active bundles of a running server. Publishing verifies a bundle before it
 * is stored; activating loads the stored archive (checks again), compiles its wasm
 * for the shared worker pool, records the activation and only then swaps the
 * in-memory entry, so a bundle that fails to load leaves the previous version
 * serving and its failure readable (`failures()`, /health). One pool (one set of
 * threads) serves every active bundle. Bundle-service long polls wait here for the
 * next activation of their bundle.
 */
import { readFile } from 'node:fs/promises';
import { ParapetError, errorMessage, isParapetError } from '../common/errors.js';
import { loadBundle } from '../engine/bundle/load.js';
import type { LoadedBundle } from '../engine/bundle/types.js';
import { EvalPool, type PoolOptions, type PreparedBundle } from '../engine/eval/pool.js';
import type { Store } from '../store/index.js';
import type { Activation, BundleVersion } from '../store/bundles.js';
import { ApiError } from './errors.js';

export interface ActiveBundle {
  name: string;
  version: string;
  digest: string;
  revision: string;
  activatedAt: string;
  loaded: LoadedBundle;
  prepared: PreparedBundle;
  /** The manifest's wasm entrypoints (`parapet/dispatch/…/results`). */
  entrypoints: readonly string[];
}

export interface BundleFailure {
  name: string;
  version: string;
  code: string;
  message: string;
  at: string;
}

export interface RegistryOptions {
  store: Store;
  /** PEM public keys; a signed bundle must verify against one of them. */
  verificationKeys?: readonly string[];
  /** Development mode: unsigned bundles are accepted (signed ones are still verified when keys are set). */
  dev?: boolean;
  pool?: PoolOptions;
  onActivation?: (name: string, result: 'ok' | 'failed') => void;
}

/** Where a Data API path lands: an entrypoint of an active bundle, plus the path below it. */
export interface Resolved {
  bundle: ActiveBundle;
  entrypoint: string;
  rest: string[];
}

export class BundleRegistry {
  private pool?: EvalPool;
  private readonly bundles = new Map<string, ActiveBundle>();
  private readonly failed = new Map<string, BundleFailure>();
  private readonly entrypointIndex = new Map<string, ActiveBundle>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly store: Store;
  private readonly keys: readonly string[];
  readonly dev: boolean;
  private started = false;

  constructor(private readonly options: RegistryOptions) {
    this.store = options.store;
    this.keys = options.verificationKeys ?? [];
    this.dev = options.dev ?? false;
  }

  /** Loads every version the store marks active; a failure is recorded, not thrown. */
  async start(): Promise<void> {
    for (const version of await this.store.bundles.active()) {
      try {
        await this.install(version);
      } catch (err) {
        this.recordFailure(version.name, version.version, err);
      }
    }
    this.started = true;
  }

  /** Ready: started, and every bundle the store marks active is serving. */
  get ready(): boolean {
    return this.started && [...this.failed.keys()].every((name) => this.bundles.has(name));
  }

  active(): ActiveBundle[] {
    return [...this.bundles.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): ActiveBundle | undefined {
    return this.bundles.get(name);
  }

  failures(): BundleFailure[] {
    return [...this.failed.values()];
  }

  failure(name: string): BundleFailure | undefined {
    return this.failed.get(name);
  }

  /** The shared pool (created with the first bundle). */
  evalPool(): EvalPool {
    if (!this.pool) throw new ApiError(503, 'no_active_bundle', 'no bundle is active');
    return this.pool;
  }

  /** Verifies and loads an archive: its signature must verify against a configured key unless the server runs in dev mode. */
  async load(bytes: Uint8Array, source: string): Promise<LoadedBundle> {
    if (this.keys.length === 0) {
      if (!this.dev) {
        throw new ApiError(400, 'bundle_verification_key_missing', `bundle ${source}: signed bundles are required but the server has no verification key (start it with --verification-key, or --dev to accept unsigned bundles)`);
      }
      return loadBundle(bytes, { source, requireSignature: false });
    }
    let last: unknown;
    for (const publicKey of this.keys) {
      try {
        return await loadBundle(bytes, { source, publicKey, requireSignature: !this.dev });
      } catch (err) {
        last = err;
        // Only a signature problem is worth trying the next key for.
        if (!isParapetError(err) || !/signature|verification/.test(err.code)) throw err;
      }
    }
    throw last;
  }

  /** Verifies and stores a version (immutable: other bytes under a published version are refused). */
  async publish(bytes: Uint8Array, by?: string): Promise<{ version: BundleVersion; created: boolean }> {
    const loaded = await this.load(bytes, 'upload');
    const { name, version } = loaded.parapet.bundle;
    const before = await this.store.bundles.get(name, version).catch(() => undefined);
    const stored = await this.store.bundles.publish({
      name,
      version,
      digest: loaded.digest,
      content: bytes,
      signed: loaded.signed,
      manifest: loaded.manifest,
      publishedBy: by,
    });
    return { version: stored, created: !before };
  }

  /**
   * Loads a stored version and makes it active. The swap happens after the load and
   * the store's record both succeeded; until then the previous version serves.
   */
  async activate(name: string, version: string, by?: string): Promise<Activation> {
    const stored = await this.store.bundles.get(name, version);
    let entry: ActiveBundle;
    try {
      entry = await this.prepare(stored);
    } catch (err) {
      this.recordFailure(name, version, err);
      this.options.onActivation?.(name, 'failed');
      const code = isParapetError(err) ? err.code : 'bundle_load_failed';
      throw new ApiError(422, code, `bundle ${name} ${version} cannot be activated: ${errorMessage(err)}${this.bundles.has(name) ? `; ${this.bundles.get(name)!.version} keeps serving` : ''}`);
    }
    const activation = await this.store.bundles.activate(name, version, by);
    this.swapIn(entry);
    this.options.onActivation?.(name, 'ok');
    return activation;
  }

  /** Activates the version that was active before the current one. */
  async rollback(name: string, by?: string): Promise<Activation> {
    const history = await this.store.bundles.activations(name);
    const last = history.at(-1);
    if (!last?.previous_version) throw new ParapetError('bundle_no_previous', `bundle ${name} has no previous version to roll back to`);
    return this.activate(name, last.previous_version, by);
  }

  /** Longest-prefix match of a Data API path against the active bundles' entrypoints. */
  resolve(path: string[]): Resolved | undefined {
    for (let n = path.length; n > 0; n--) {
      const entrypoint = path.slice(0, n).join('/');
      const bundle = this.entrypointIndex.get(entrypoint);
      if (bundle) return { bundle, entrypoint, rest: path.slice(n) };
    }
    return undefined;
  }

  /** Whether some entrypoint lies below `path` (a prefix the wasm cannot answer as a whole). */
  isPrefix(path: string[]): boolean {
    const prefix = path.length ? `${path.join('/')}/` : '';
    for (const ep of this.entrypointIndex.keys()) if (ep.startsWith(prefix)) return true;
    return false;
  }

  /**
   * Resolves when bundle `name`'s active digest differs from `digest`, or after
   * `timeoutMs`; `true` when it changed. `release()` ends every wait at once.
   */
  waitForChange(name: string, digest: string | undefined, timeoutMs: number): Promise<boolean> {
    if (this.bundles.get(name)?.digest !== digest) return Promise.resolve(true);
    return new Promise((resolve) => {
      const set = this.waiters.get(name) ?? new Set();
      this.waiters.set(name, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(done);
        resolve(this.bundles.get(name)?.digest !== digest);
      };
      const timer = setTimeout(done, timeoutMs);
      set.add(done);
    });
  }

  /** Ends every pending long poll (on shutdown). */
  release(): void {
    for (const set of this.waiters.values()) for (const done of [...set]) done();
  }

  async close(): Promise<void> {
    this.release();
    await this.pool?.close();
  }

  private async install(stored: BundleVersion): Promise<void> {
    this.swapIn(await this.prepare(stored));
  }

  private async prepare(stored: BundleVersion): Promise<ActiveBundle> {
    const content = await this.store.bundles.content(stored.name, stored.version);
    const bytes = content.bytes ?? new Uint8Array(await readFile(content.path!));
    const loaded = await this.load(bytes, `${stored.name}@${stored.version}`);
    if (loaded.digest !== stored.digest) {
      throw new ParapetError('bundle_digest_mismatch', `bundle ${stored.name} ${stored.version}: stored archive has digest ${loaded.digest}, registry says ${stored.digest}`);
    }
    const poolBundle = { key: loaded.digest, wasm: loaded.wasm, data: loaded.data };
    let prepared: PreparedBundle;
    if (!this.pool) {
      this.pool = new EvalPool(poolBundle, this.options.pool);
      prepared = this.pool.prepare(poolBundle);
    } else prepared = this.pool.prepare(poolBundle);
    return {
      name: stored.name,
      version: stored.version,
      digest: loaded.digest,
      revision: loaded.manifest.revision,
      activatedAt: new Date().toISOString(),
      loaded,
      prepared,
      entrypoints: (loaded.manifest.wasm ?? []).map((w) => w.entrypoint),
    };
  }

  private swapIn(entry: ActiveBundle): void {
    this.bundles.set(entry.name, entry);
    this.failed.delete(entry.name);
    this.entrypointIndex.clear();
    // Bundles in name order; the first to claim an entrypoint answers it.
    for (const bundle of this.active()) {
      for (const ep of bundle.entrypoints) if (!this.entrypointIndex.has(ep)) this.entrypointIndex.set(ep, bundle);
    }
    for (const done of [...(this.waiters.get(entry.name) ?? [])]) done();
  }

  private recordFailure(name: string, version: string, err: unknown): void {
    this.failed.set(name, {
      name,
      version,
      code: isParapetError(err) ? err.code : 'bundle_load_failed',
      message: errorMessage(err),
      at: new Date().toISOString(),
    });
  }
}
