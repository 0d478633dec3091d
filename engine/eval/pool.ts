/**
 * The evaluation worker pool: piscina threads (one per core by default), each holding
 * one opa-wasm instance per bundle. The policy.wasm is compiled once here
 * (WebAssembly.Module) and shared with the workers.
 *
 * Bounds on every evaluation:
 * - input size: an item over `maxInputBytes` gets an error without running;
 * - wall time: a batch running past its deadline is aborted, which makes piscina
 *   terminate that worker and start a fresh one; its items are then re-run one at a
 *   time so that only the runaway one gets an error;
 * - wasm memory: `maxMemoryPages` caps each instance's linear memory;
 * - worker heap: `maxHeapMb` (worker resourceLimits); a worker that exceeds it dies and
 *   its items are isolated the same way.
 *
 * `swap()` is atomic: a task captures the bundle when it is submitted, so in-flight
 * tasks finish on the old bundle and later ones use the new one.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ParapetError, errorMessage } from '../../common/errors.js';
import { distModule } from '../../common/paths.js';
import { Wasm } from './wasm-types.js';
import type { ItemResult, WorkerBundle, WorkerTask } from './worker.js';

export type { ItemResult } from './worker.js';

export interface PoolBundle {
  /** Identifies the bundle (its digest); workers cache instances by it. */
  key: string;
  wasm: Uint8Array;
  data: Record<string, unknown>;
}

export interface PoolOptions {
  threads?: number;
  maxInputBytes?: number;
  /** Deadline of one batch, from when it starts. */
  batchTimeoutMs?: number;
  /** Deadline of one item when a failed batch is re-run item by item. */
  itemTimeoutMs?: number;
  maxMemoryPages?: number;
  maxHeapMb?: number;
}

/** A bundle compiled for the pool (see `EvalPool.prepare`): pass it to the `*In` methods. */
export type PreparedBundle = WorkerBundle;

export interface EvalItem {
  entrypoint: string;
  /** The input document as JSON text (its byte length is what `maxInputBytes` bounds). */
  input: string;
}

export const POOL_DEFAULTS = {
  maxInputBytes: 4 * 1024 * 1024,
  batchTimeoutMs: 20_000,
  itemTimeoutMs: 5_000,
  maxMemoryPages: 4096, // 256 MiB
  maxHeapMb: 512,
};

function prepare(bundle: PoolBundle): WorkerBundle {
  let module;
  try {
    module = new Wasm.Module(bundle.wasm);
  } catch (err) {
    throw new ParapetError('bundle_wasm_invalid', `bundle ${bundle.key}: policy.wasm does not compile: ${errorMessage(err)}`);
  }
  const bytes = new TextEncoder().encode(JSON.stringify(bundle.data));
  const data = new SharedArrayBuffer(bytes.length);
  new Uint8Array(data).set(bytes);
  return { key: bundle.key, module, data };
}

export class EvalPool {
  private readonly piscina: Piscina<WorkerTask, ItemResult[]>;
  private readonly limits: typeof POOL_DEFAULTS;
  private active: WorkerBundle;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  readonly threads: number;
  /** Workers ended for running past a deadline or out of memory. */
  workersReplaced = 0;

  constructor(bundle: PoolBundle, options: PoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.limits = {
      maxInputBytes: options.maxInputBytes ?? POOL_DEFAULTS.maxInputBytes,
      batchTimeoutMs: options.batchTimeoutMs ?? POOL_DEFAULTS.batchTimeoutMs,
      itemTimeoutMs: options.itemTimeoutMs ?? POOL_DEFAULTS.itemTimeoutMs,
      maxMemoryPages: options.maxMemoryPages ?? POOL_DEFAULTS.maxMemoryPages,
      maxHeapMb: options.maxHeapMb ?? POOL_DEFAULTS.maxHeapMb,
    };
    this.active = prepare(bundle);
    this.piscina = new Piscina({
      filename: distModule('engine', 'eval', 'worker.js'),
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb },
      // Workers need no loaders of the parent (a test runner's --import hooks cost seconds a worker).
      execArgv: process.execArgv.filter((a) => a === '--enable-source-maps'),
    });
  }

  /** Makes `bundle` the one new tasks use; tasks already submitted finish on the old one. */
  swap(bundle: PoolBundle): void {
    this.active = prepare(bundle);
  }

  /**
   * Compiles a bundle for evaluation beside the active one: one pool (one set of
   * threads) can then serve several bundles through `evaluateIn` /
   * `evaluateEntrypointIn`. Throws `bundle_wasm_invalid` when the module does not compile.
   */
  prepare(bundle: PoolBundle): PreparedBundle {
    return prepare(bundle);
  }

  /** `evaluate` against a prepared bundle instead of the active one. */
  async evaluateIn(bundle: PreparedBundle, items: EvalItem[], nowNs: bigint): Promise<ItemResult[]> {
    return this.evaluateWith(bundle, items, nowNs, 'parsed');
  }

  /** `evaluateEntrypoint` against a prepared bundle instead of the active one. */
  async evaluateEntrypointIn(bundle: PreparedBundle, entrypoint: string, input: unknown, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): Promise<string> {
    const [result] = await this.evaluateWith(bundle, [{ entrypoint, input: JSON.stringify(input ?? null) }], nowNs, 'raw');
    if (!result.ok) throw new ParapetError('eval_failed', `evaluating ${entrypoint}: ${result.error}`);
    return result.value as string;
  }

  get bundleKey(): string {
    return this.active.key;
  }

  /**
   * Evaluates one batch; one result per item, in order. Never rejects for an item's
   * sake: a failed, oversized, runaway or out-of-memory item gets `{ok: false}`.
   */
  async evaluate(items: EvalItem[], nowNs: bigint): Promise<ItemResult[]> {
    return this.evaluateWith(this.active, items, nowNs, 'parsed');
  }

  /**
   * `evaluate`, with each result set as its JSON text: strings cross the thread
   * boundary cheaply, and the caller decodes them exactly (json.ts `parseExact`).
   */
  async evaluateText(items: EvalItem[], nowNs: bigint): Promise<ItemResult[]> {
    return this.evaluateWith(this.active, items, nowNs, 'raw');
  }

  /** Evaluates one entrypoint (the OPA Data API); the wasm result set as JSON text. */
  async evaluateEntrypoint(entrypoint: string, input: unknown, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): Promise<string> {
    const [result] = await this.evaluateWith(this.active, [{ entrypoint, input: JSON.stringify(input ?? null) }], nowNs, 'raw');
    if (!result.ok) throw new ParapetError('eval_failed', `evaluating ${entrypoint}: ${result.error}`);
    return result.value as string;
  }

  private async evaluateWith(bundle: WorkerBundle, items: EvalItem[], nowNs: bigint, mode: WorkerTask['mode']): Promise<ItemResult[]> {
    const results: ItemResult[] = new Array(items.length);
    const runnable: number[] = [];
    items.forEach((item, i) => {
      const bytes = Buffer.byteLength(item.input);
      if (bytes > this.limits.maxInputBytes) {
        results[i] = { ok: false, error: `input of ${bytes} bytes exceeds the limit of ${this.limits.maxInputBytes} bytes` };
      } else runnable.push(i);
    });
    if (runnable.length === 0) return results;
    const batch = runnable.map((i) => items[i]);
    const outcome = await this.runTask(bundle, batch, nowNs, mode, this.limits.batchTimeoutMs);
    if (outcome.ok) {
      outcome.results.forEach((r, k) => (results[runnable[k]] = r));
      return results;
    }
    if (batch.length === 1) {
      results[runnable[0]] = { ok: false, error: outcome.error };
      return results;
    }
    // The batch's worker was ended: re-run its items one at a time to find the culprit.
    await Promise.all(
      runnable.map(async (i) => {
        const single = await this.runTask(bundle, [items[i]], nowNs, mode, this.limits.itemTimeoutMs);
        results[i] = single.ok ? single.results[0] : { ok: false, error: single.error };
      }),
    );
    return results;
  }

  private async runTask(
    bundle: WorkerBundle,
    items: EvalItem[],
    nowNs: bigint,
    mode: WorkerTask['mode'],
    timeoutMs: number,
  ): Promise<{ ok: true; results: ItemResult[] } | { ok: false; error: string }> {
    await this.acquire();
    try {
      const task: WorkerTask = { bundle, nowNs, maxMemoryPages: this.limits.maxMemoryPages, mode, items };
      const results = await this.piscina.run(task, { signal: AbortSignal.timeout(timeoutMs) });
      return { ok: true, results };
    } catch (err) {
      this.workersReplaced++;
      const name = (err as { name?: string }).name;
      const code = (err as { code?: string }).code;
      if (name === 'AbortError') return { ok: false, error: `evaluation exceeded the time limit of ${timeoutMs} ms; its worker was replaced` };
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') return { ok: false, error: `evaluation exceeded the worker heap limit of ${this.limits.maxHeapMb} MB; its worker was replaced` };
      return { ok: false, error: `evaluation worker failed: ${errorMessage(err)}` };
    } finally {
      this.release();
    }
  }

  // At most one task per thread in flight, so a task's deadline runs from (about) its start.
  private acquire(): Promise<void> {
    if (this.running < this.threads) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
