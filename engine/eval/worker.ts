/**
 * Piscina worker: evaluates batches of (entrypoint, input JSON) against a cached
 * WasmPolicy per bundle. The bundle travels with each task as a compiled
 * WebAssembly.Module and its data as a SharedArrayBuffer (both shared, not copied),
 * so a worker built after a swap or a replacement needs no separate set-up.
 */
import { WasmPolicy } from './policy.js';
import type { WasmModule } from './wasm-types.js';

export interface WorkerBundle {
  key: string;
  module: WasmModule;
  /** data.json bytes. */
  data: SharedArrayBuffer;
}

export interface WorkerTask {
  bundle: WorkerBundle;
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

function policyFor(task: WorkerTask): WasmPolicy {
  let policy = policies.get(task.bundle.key);
  if (policy) {
    policies.delete(task.bundle.key);
    policies.set(task.bundle.key, policy);
  } else {
    policy = new WasmPolicy(task.bundle.module, { nowNs: task.nowNs, maxMemoryPages: task.maxMemoryPages });
    policy.setData(new Uint8Array(task.bundle.data).slice().buffer);
    policies.set(task.bundle.key, policy);
    while (policies.size > MAX_CACHED_POLICIES) policies.delete(policies.keys().next().value as string);
  }
  policy.setNow(task.nowNs);
  return policy;
}

export default function evaluateBatch(task: WorkerTask): ItemResult[] {
  let policy: WasmPolicy;
  try {
    policy = policyFor(task);
  } catch (err) {
    const error = `could not instantiate the bundle: ${err instanceof Error ? err.message : String(err)}`;
    return task.items.map(() => ({ ok: false, error }));
  }
  return task.items.map(({ entrypoint, input, nowNs }) => {
    try {
      if (nowNs !== undefined) policy.setNow(nowNs);
      const raw = policy.evaluateRaw(entrypoint, input);
      return { ok: true, value: task.mode === 'raw' ? raw : JSON.parse(raw) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: /memory|grow|malloc/i.test(message) ? `wasm memory limit reached: ${message}` : message };
    }
  });
}
