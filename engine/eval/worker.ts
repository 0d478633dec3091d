/**
 * Piscina worker: evaluates batches of (entrypoint, input JSON) against a cached
 * WasmPolicy per bundle. A task names its bundle by key; the compiled
 * WebAssembly.Module and its data (a SharedArrayBuffer: both shared, not copied) come
 * along only when the pool resends a task this worker answered `BUNDLE_MISSING`, so a
 * worker built after a swap or a replacement needs no separate set-up, and a warm one
 * does not rebuild a module object for every task.
 */
import { WasmPolicy } from './policy.js';
import type { WasmModule } from './wasm-types.js';

export interface WorkerBundle {
  key: string;
  module: WasmModule;
  /** data.json bytes. */
  data: SharedArrayBuffer;
}

/** What a task carries of its bundle: the key alone, or everything a worker needs to instantiate it. */
export type TaskBundle = WorkerBundle | { key: string; module?: undefined; data?: undefined };

/** The answer of a worker that has no instance of a key-only task's bundle: resend it whole. */
export const BUNDLE_MISSING = 'bundle-missing';

export interface WorkerTask {
  bundle: TaskBundle;
  nowNs: bigint;
  maxMemoryPages: number;
  /** 'parsed': result sets as values; 'raw': result sets as JSON text (the Data API). */
  mode: 'parsed' | 'raw';
  /** `nowNs`, when given, overrides the task's instant for that item (requests coalesced into one task). */
  items: Array<{ entrypoint: string; input: string; nowNs?: bigint }>;
}

export type ItemResult = { ok: true; value: unknown } | { ok: false; error: string };

// The bundles this worker has instantiated, least recently used first: a server serving
// several bundles from one pool keeps each warm; during a swap the predecessor stays until evicted.
const policies = new Map<string, WasmPolicy>();
const MAX_CACHED_POLICIES = 8;

function policyFor(task: WorkerTask): WasmPolicy | undefined {
  let policy = policies.get(task.bundle.key);
  if (policy) {
    policies.delete(task.bundle.key);
    policies.set(task.bundle.key, policy);
  } else {
    if (!task.bundle.module) return undefined;
    policy = new WasmPolicy(task.bundle.module, { nowNs: task.nowNs, maxMemoryPages: task.maxMemoryPages });
    policy.setData(new Uint8Array(task.bundle.data!).slice().buffer);
    policies.set(task.bundle.key, policy);
    while (policies.size > MAX_CACHED_POLICIES) policies.delete(policies.keys().next().value as string);
  }
  policy.setNow(task.nowNs);
  return policy;
}

export default function evaluateBatch(task: WorkerTask): ItemResult[] | typeof BUNDLE_MISSING {
  let policy: WasmPolicy | undefined;
  try {
    policy = policyFor(task);
    if (!policy) return BUNDLE_MISSING;
  } catch (err) {
    const error = `could not instantiate the bundle: ${err instanceof Error ? err.message : String(err)}`;
    return task.items.map(() => ({ ok: false, error }));
  }
  const instance = policy;
  return task.items.map(({ entrypoint, input, nowNs }) => {
    try {
      if (nowNs !== undefined) instance.setNow(nowNs);
      const raw = instance.evaluateRaw(entrypoint, input);
      return { ok: true, value: task.mode === 'raw' ? raw : JSON.parse(raw) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: /memory|grow|malloc/i.test(message) ? `wasm memory limit reached: ${message}` : message };
    }
  });
}
