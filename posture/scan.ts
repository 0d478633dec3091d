/**
 * One scan: collect (import native exports, or read an inventory) → evaluate
 * with a bundle → store, recorded as one scan with its sources, bundle,
 * counts and duration. The store serializes scans of a target, keeps the
 * findings lifecycle and marks killed scans failed (store/scans.ts); this
 * module only drives the pipeline, streaming: resources and outcomes go to
 * the store in batches, never all in memory.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ParapetError, errorMessage } from '../common/errors.js';
import { fromRoot } from '../common/paths.js';
import { InventoryWriter } from '../collectors/common/inventory-writer.js';
import { importFiles } from '../collectors/import/import.js';
import type { Resource, Source } from '../collectors/schema/inventory.js';
import { openInventory } from '../collectors/schema/read.js';
import { buildBundle, definitionPath, readDefinition } from '../engine/bundle/build.js';
import { loadBundle } from '../engine/bundle/load.js';
import type { LoadedBundle } from '../engine/bundle/types.js';
import { evaluateInventory, type EvaluateSummary, type Progress } from '../engine/eval/evaluate.js';
import type { Outcome } from '../engine/findings/types.js';
import type { Store } from '../store/index.js';
import { deliverDue, queueScanAlerts, type RuleInfo } from '../alerts/dispatch.js';
import type { ScanRecord } from '../store/scans.js';

export interface ScanRequest {
  store: Store;
  target: string;
  /** Native export files or folders to import (`parapet collect import`)… */
  imports?: string[];
  /** …or an existing parapet.inventory/v1 file. */
  inventory?: string;
  /** A bundle archive (.tar.gz), or a definition name under bundles/ (built into out/bundles when missing). */
  bundle: string;
  trigger?: string;
  /** time.now_ns for the evaluation (default: now). */
  nowNs?: bigint;
  threads?: number;
  /** PEM public key: the bundle must carry a valid signature. */
  publicKey?: string;
  onProgress?: (progress: Progress) => void;
  /** Told when the scan row exists (before collection starts). */
  onStarted?: (scan: ScanRecord) => void;
  heartbeatMs?: number;
  /** Queue and deliver the alerts of this scan's finding transitions (default true). */
  alerts?: boolean;
}

export interface ScanOutcome {
  scan: ScanRecord;
  evaluation: EvaluateSummary;
  bundle: LoadedBundle;
}

const BATCH = 500;

/** The bundle archive for `--bundle`: a file as is; a definition name → out/bundles/<name>-<version>.tar.gz, built when missing. */
export async function resolveBundleArchive(bundle: string): Promise<string> {
  if (/\.tar\.gz$|\.tgz$/.test(bundle)) {
    const file = resolve(bundle);
    if (!existsSync(file)) throw new ParapetError('bundle_not_found', `no bundle archive at ${bundle}`);
    return file;
  }
  const defFile = definitionPath(bundle);
  if (!existsSync(defFile)) throw new ParapetError('bundle_definition_not_found', `no bundle ${JSON.stringify(bundle)}: neither an archive nor a definition in bundles/`);
  const def = readDefinition(defFile);
  const built = fromRoot('out', 'bundles', `${def.name}-${def.version}.tar.gz`);
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(defFile)) return built;
  return (await buildBundle(defFile)).file;
}

/** The newest modification time among the definition and everything under policies/: a built bundle older than it is stale. */
function newestSource(defFile: string): number {
  let newest = statSync(defFile).mtimeMs;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(fromRoot('policies'));
  return newest;
}

/**
 * Alerts are a side effect of a finished scan: a receiver that is down must not
 * fail the scan, so failures stay queued for `deliverDue` to retry later.
 */
async function sendAlerts(store: Store, scanId: number, bundle: LoadedBundle): Promise<void> {
  const rules = new Map<string, RuleInfo>(bundle.parapet.rules.map((r) => [r.id, { title: r.title, frameworks: Object.keys(r.frameworks) }]));
  try {
    if ((await queueScanAlerts(store, scanId, rules)) > 0) await deliverDue(store, { rules });
  } catch (err) {
    process.emitWarning(`scan ${scanId}: alerts not delivered: ${errorMessage(err)}`);
  }
}

export async function runScan(request: ScanRequest): Promise<ScanOutcome> {
  const { store } = request;
  if (!!request.imports?.length === !!request.inventory) {
    throw new ParapetError('scan_invalid', 'a scan reads either --import paths or one --inventory file');
  }
  const archive = await resolveBundleArchive(request.bundle);
  const bundle = await loadBundle(archive, request.publicKey ? { publicKey: request.publicKey, requireSignature: true } : {});
  const meta = bundle.parapet.bundle;

  const scan = await store.scans.start({
    target: request.target,
    trigger: request.trigger ?? 'cli',
    bundle: { name: meta.name, version: meta.version, digest: bundle.digest },
  });
  request.onStarted?.(scan);
  const stopHeartbeat = store.scans.startHeartbeat(scan.id, request.heartbeatMs);
  const scratch = mkdtempSync(join(tmpdir(), 'parapet-scan-'));
  let sources: Source[] | undefined;
  try {
    // Collect: imports go through the importers into a scratch inventory.
    let inventory = request.inventory!;
    if (request.imports?.length) {
      inventory = join(scratch, 'inventory.ndjson');
      const writer = await InventoryWriter.open(inventory);
      try {
        sources = (await importFiles(request.imports, { emit: (r) => writer.write(r) })).sources;
      } catch (err) {
        await writer.abort();
        throw err;
      }
      await writer.finish(sources);
    }

    // The resources snapshot, for drill-down from a finding to its configuration.
    const opened = await openInventory(inventory);
    sources ??= opened.header.sources;
    let resources: Resource[] = [];
    for await (const item of opened.items) {
      if (item.kind !== 'resource') continue;
      resources.push(item.resource);
      if (resources.length >= BATCH) {
        await store.scans.addResources(scan.id, resources);
        resources = [];
      }
    }
    await store.scans.addResources(scan.id, resources);

    // Evaluate, writing outcomes as they come.
    let outcomes: Outcome[] = [];
    const evaluation = await evaluateInventory({
      bundle,
      inventory,
      nowNs: request.nowNs ?? BigInt(Date.now()) * 1_000_000n,
      ...(request.threads ? { threads: request.threads } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      onOutcome: async (o) => {
        outcomes.push(o);
        if (outcomes.length >= BATCH) {
          const batch = outcomes;
          outcomes = [];
          await store.scans.addOutcomes(scan.id, batch);
        }
      },
    });
    await store.scans.addOutcomes(scan.id, outcomes);

    const finished = await store.scans.finish(scan.id, {
      sources,
      frameworks: evaluation.rollup.frameworks.map((f) => ({
        id: f.id,
        score: f.score,
        passed: f.counts.passed,
        failed: f.counts.failed,
      })),
    });
    if (request.alerts !== false) await sendAlerts(store, finished.id, bundle);
    return { scan: finished, evaluation, bundle };
  } catch (err) {
    await store.scans.fail(scan.id, errorMessage(err), sources).catch(() => undefined);
    throw err;
  } finally {
    stopHeartbeat();
    rmSync(scratch, { recursive: true, force: true });
  }
}
