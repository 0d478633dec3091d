/**
 * The evaluation worker pool: piscina threads (one per core by default), each holding
 * one opa-wasm instance per bundle. The policy.wasm is compiled once here
 * (WebAssembly.Module) and shared with the workers.
 *
 * Bounds on every evaluation:
 * - input size: an item over `maxInputBytes` gets an error without running;
 * - wall time: a batch running past its deadline is aborted, which makes piscina
 *   terminate that worker and start a fresh one; its items are then re-run one at a
 *   time so that only the runaway one gets an error (one timer serves every deadline:
 *   a timer and an AbortSignal.timeout per task cost more than small decisions do);
 * - wasm memory: `maxMemoryPages` caps each instance's linear memory;
 * - worker heap: `maxHeapMb` (worker resourceLimits); a worker that exceeds it dies and
 *   its items are isolated the same way.
 *
 * Single decisions (`evaluateEntrypoint*`, the Data API) that arrive while every
 * thread is busy wait in one queue per bundle and go to the next free thread as one
 * task: one message each way instead of one per decision. Each keeps its own
 * `time.now_ns` and deadline; a failed task re-runs its decisions one by one.
 *
 * `swap()` is atomic: a task captures the bundle when it is submitted, so in-flight
 * tasks finish on the old bundle and later ones use the new one.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ParapetError, errorMessage } from '../../common/errors.js';
import { distModule } from '../../common/paths.js';
import { Wasm } from './wasm-types.js';
import { BUNDLE_MISSING, type ItemResult, type WorkerBundle, type WorkerTask } from './worker.js';

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

/** The most decisions one coalesced task carries. */
const MAX_COALESCED = 256;

interface QueuedDecision {
  item: EvalItem & { nowNs: bigint };
  resolve: (result: ItemResult) => void;
}

/**
 * A task's abort signal in the EventEmitter form piscina accepts (`once`/`off`,
 * `aborted`, `reason`): an AbortController and its EventTarget cost more per task than
 * a small decision's evaluation does, and only a task that overruns ever fires.
 */
class DeadlineSignal {
  aborted = false;
  reason: unknown = undefined;
  private listener?: () => void;

  once(_event: 'abort', listener: () => void): void {
    this.listener = listener;
  }

  removeListener(_event: 'abort', listener: () => void): void {
    if (this.listener === listener) this.listener = undefined;
  }

  off(event: 'abort', listener: () => void): void {
    this.removeListener(event, listener);
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}

/**
 * Deadlines of running tasks behind one timer, armed for the earliest; a task's
 * signal is aborted when its deadline passes.
 */
class Deadlines {
  private readonly pending = new Set<{ at: number; signal: DeadlineSignal }>();
  private timer?: NodeJS.Timeout;
  private armedAt = Infinity;

  add(timeoutMs: number): { signal: DeadlineSignal; done: () => void } {
    const entry = { at: Date.now() + timeoutMs, signal: new DeadlineSignal() };
    this.pending.add(entry);
    if (entry.at < this.armedAt) this.arm(entry.at);
    return { signal: entry.signal, done: () => this.pending.delete(entry) };
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedAt = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - Date.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const entry of this.pending) {
      if (entry.at <= now) {
        this.pending.delete(entry);
        entry.signal.abort(new Error('deadline passed'));
      } else if (entry.at < next) next = entry.at;
    }
    if (next < Infinity) this.arm(next);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Infinity;
    this.pending.clear();
  }
}

export class EvalPool {
  private readonly piscina: Piscina<WorkerTask, ItemResult[] | typeof BUNDLE_MISSING>;
  private readonly limits: typeof POOL_DEFAULTS;
  private active: WorkerBundle;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly deadlines = new Deadlines();
  /** Single decisions waiting for a thread, per bundle; present while a drain waits for a slot. */
  private readonly queued = new Map<WorkerBundle, QueuedDecision[]>();
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
    return this.evaluateInputTextIn(bundle, entrypoint, JSON.stringify(input ?? null), nowNs);
  }

  /** `evaluateEntrypointIn` with the input already as JSON text. */
  async evaluateInputTextIn(bundle: PreparedBundle, entrypoint: string, inputJson: string, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): Promise<string> {
    const result = await this.decide(bundle, { entrypoint, input: inputJson, nowNs });
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
    const result = await this.decide(this.active, { entrypoint, input: JSON.stringify(input ?? null), nowNs });
    if (!result.ok) throw new ParapetError('eval_failed', `evaluating ${entrypoint}: ${result.error}`);
    return result.value as string;
  }

  /** One decision (its result set as JSON text), coalesced with the others that wait for a thread on the same bundle. */
  private decide(bundle: WorkerBundle, item: EvalItem & { nowNs: bigint }): Promise<ItemResult> {
    const bytes = Buffer.byteLength(item.input);
    if (bytes > this.limits.maxInputBytes) {
      return Promise.resolve({ ok: false, error: `input of ${bytes} bytes exceeds the limit of ${this.limits.maxInputBytes} bytes` });
    }
    return new Promise((resolve) => {
      const queue = this.queued.get(bundle);
      if (queue) queue.push({ item, resolve });
      else {
        this.queued.set(bundle, [{ item, resolve }]);
        void this.drain(bundle);
      }
    });
  }

  /** Waits for a thread, then sends what queued for `bundle` meanwhile as one task. */
  private async drain(bundle: WorkerBundle): Promise<void> {
    await this.acquire();
    let queue = this.queued.get(bundle)!;
    if (queue.length > MAX_COALESCED) {
      this.queued.set(bundle, queue.slice(MAX_COALESCED));
      queue = queue.slice(0, MAX_COALESCED);
      void this.drain(bundle);
    } else this.queued.delete(bundle);
    const items = queue.map((q) => q.item);
    let outcome;
    try {
      outcome = await this.runAcquired(bundle, items, items[0]!.nowNs, 'raw', this.limits.batchTimeoutMs);
    } finally {
      this.release();
    }
    if (outcome.ok) outcome.results.forEach((r, k) => queue[k]!.resolve(r));
    else if (queue.length === 1) queue[0]!.resolve({ ok: false, error: outcome.error });
    else {
      // The task's worker was ended: each decision again alone, with the deadline it would have had alone.
      for (const q of queue) {
        void this.runTask(bundle, [q.item], q.item.nowNs, 'raw', this.limits.batchTimeoutMs).then((single) =>
          q.resolve(single.ok ? single.results[0]! : { ok: false, error: single.error }),
        );
      }
    }
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
      return await this.runAcquired(bundle, items, nowNs, mode, timeoutMs);
    } finally {
      this.release();
    }
  }

  /** Runs one task on a slot the caller holds. */
  private async runAcquired(
    bundle: WorkerBundle,
    items: EvalItem[],
    nowNs: bigint,
    mode: WorkerTask['mode'],
    timeoutMs: number,
  ): Promise<{ ok: true; results: ItemResult[] } | { ok: false; error: string }> {
    const deadline = this.deadlines.add(timeoutMs);
    try {
      // The bundle by key first: a worker that has no instance of it yet asks for it whole.
      const task: WorkerTask = { bundle: { key: bundle.key }, nowNs, maxMemoryPages: this.limits.maxMemoryPages, mode, items };
      let results = await this.piscina.run(task, { signal: deadline.signal });
      if (results === BUNDLE_MISSING) results = await this.piscina.run({ ...task, bundle }, { signal: deadline.signal });
      if (results === BUNDLE_MISSING) throw new Error(`bundle ${bundle.key} was not instantiated`);
      return { ok: true, results };
    } catch (err) {
      this.workersReplaced++;
      const name = (err as { name?: string }).name;
      const code = (err as { code?: string }).code;
      if (name === 'AbortError') return { ok: false, error: `evaluation exceeded the time limit of ${timeoutMs} ms; its worker was replaced` };
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') return { ok: false, error: `evaluation exceeded the worker heap limit of ${this.limits.maxHeapMb} MB; its worker was replaced` };
      return { ok: false, error: `evaluation worker failed: ${errorMessage(err)}` };
    } finally {
      deadline.done();
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
    this.deadlines.clear();
    await this.piscina.destroy();
  }
}
