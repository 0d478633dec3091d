/**
 * Scans: one row per run of collect → evaluate → store, a lock row per target
 * while it runs, its resources snapshot and outcomes, and the finishing
 * transaction that applies the findings lifecycle and the scores.
 *
 * A scan writes its resources and outcomes as it goes (each batch its own
 * transaction) but touches findings only when it finishes, in one transaction:
 * a scan killed mid-way leaves its own rows, marked failed at the next start,
 * and every finding as the last finished scan left it.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Selectable } from 'kysely';
import type { Resource, Source } from '../collectors/schema/inventory.js';
import type { Outcome } from '../engine/findings/types.js';
import { ParapetError } from '../common/errors.js';
import { fromJson, isUniqueViolation, nowIso, num, toJson, type DB } from './db.js';
import { applyLifecycle, type LifecycleSummary } from './lifecycle.js';
import { computeScores, type FrameworkScoreInput } from './scores.js';
import type { ScanStatus, ScansTable } from './schema.js';

export interface ScanCounts {
  resources: number;
  outcomes: { PASS: number; FAIL: number; ERROR: number };
  findings: LifecycleSummary;
  /** Failing outcomes by severity (suppressed ones included). */
  failing_by_severity: Record<string, number>;
}

export interface ScanRecord {
  id: number;
  target: string;
  status: ScanStatus;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  sources: Source[];
  bundle: { name: string; version: string; digest: string } | null;
  counts: ScanCounts | null;
  duration_ms: number | null;
  error: string | null;
  pid: number | null;
  host: string | null;
  heartbeat_at: string | null;
}

export interface StartScan {
  target: string;
  trigger?: string;
  sources?: Source[];
  bundle?: { name: string; version: string; digest: string };
}

export interface FinishScan {
  /** The inventory sources, known once collection ends; a scan with an incomplete source finishes `partial`. */
  sources?: Source[];
  bundle?: { name: string; version: string; digest: string };
  /** Framework scores from the compliance roll-up. */
  frameworks?: FrameworkScoreInput[];
}

export interface ScanOptions {
  /** A running scan whose heartbeat is older than this is taken as dead (any host). Default 10 minutes. */
  staleAfterMs?: number;
}

const BATCH = 400;

/**
 * This process, as recorded on the scans it runs. A running scan recorded with
 * this host and this pid but another instance was left by an earlier process
 * that had the same pid (a restarted container's pid 1): it is dead too.
 */
const INSTANCE = randomBytes(8).toString('hex');

function toRecord(row: Selectable<ScansTable>): ScanRecord {
  return {
    id: Number(row.id),
    target: row.target,
    status: row.status,
    trigger: row.trigger,
    started_at: row.started_at,
    finished_at: row.finished_at,
    sources: fromJson<Source[]>(row.sources, []),
    bundle: row.bundle_name ? { name: row.bundle_name, version: row.bundle_version ?? '', digest: row.bundle_digest ?? '' } : null,
    counts: fromJson<ScanCounts | null>(row.counts, null),
    duration_ms: row.duration_ms === null ? null : num(row.duration_ms),
    error: row.error,
    pid: row.pid === null ? null : num(row.pid),
    host: row.host,
    heartbeat_at: row.heartbeat_at,
  };
}

/** Whether a process of this host still runs (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class ScanRepository {
  private readonly staleAfterMs: number;
  private readonly host = hostname();

  constructor(
    private readonly db: DB,
    options: ScanOptions = {},
  ) {
    this.staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
  }

  /**
   * Marks failed every running scan whose process is gone: a dead pid on this
   * host, or a heartbeat older than the stale limit. Frees their target locks.
   * Returns the ids it marked.
   */
  async recoverKilled(): Promise<number[]> {
    const now = Date.now();
    const running = await this.db.selectFrom('scans').selectAll().where('status', 'in', ['running', 'queued']).execute();
    const processGone = (s: (typeof running)[number]) =>
      s.host === this.host &&
      s.pid !== null &&
      (num(s.pid) === process.pid ? s.instance !== INSTANCE : !processAlive(num(s.pid)));
    const dead = running.filter((s) => processGone(s) || now - Date.parse(s.heartbeat_at ?? s.started_at) > this.staleAfterMs);
    const at = new Date(now).toISOString();
    for (const s of dead) {
      const why = processGone(s)
        ? `the scan process (pid ${s.pid} on ${s.host}) ended without finishing the scan`
        : `no heartbeat since ${s.heartbeat_at ?? s.started_at} (pid ${s.pid} on ${s.host})`;
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('scans')
          .set({ status: 'failed', finished_at: at, error: `${why}; marked failed at the next start` })
          .where('id', '=', s.id)
          .where('status', 'in', ['running', 'queued'])
          .execute();
        await trx.deleteFrom('scan_locks').where('scan_id', '=', s.id).execute();
      });
    }
    // A lock whose scan is no longer running (a crash between the two writes cannot happen, but be sure).
    await this.db
      .deleteFrom('scan_locks')
      .where('scan_id', 'not in', this.db.selectFrom('scans').select('id').where('status', 'in', ['running', 'queued']))
      .execute();
    return dead.map((s) => Number(s.id));
  }

  /** Starts a scan of a target, or fails with `scan_locked` when one of the same target is running. */
  async start(input: StartScan): Promise<ScanRecord> {
    if (!input.target || !input.target.trim()) throw new ParapetError('scan_invalid', 'a scan needs a target name');
    await this.recoverKilled();
    const now = nowIso();
    try {
      const id = await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('scans')
          .values({
            target: input.target,
            status: 'running',
            trigger: input.trigger ?? 'cli',
            started_at: now,
            sources: toJson(input.sources ?? []),
            bundle_name: input.bundle?.name ?? null,
            bundle_version: input.bundle?.version ?? null,
            bundle_digest: input.bundle?.digest ?? null,
            pid: process.pid,
            host: this.host,
            instance: INSTANCE,
            heartbeat_at: now,
            finished_at: null,
            counts: null,
            duration_ms: null,
            error: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('scan_locks').values({ target: input.target, scan_id: row.id, acquired_at: now }).execute();
        return Number(row.id);
      });
      return this.get(id);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const holder = await this.db
        .selectFrom('scan_locks as l')
        .innerJoin('scans as s', 's.id', 'l.scan_id')
        .select(['s.id', 's.pid', 's.host', 's.started_at'])
        .where('l.target', '=', input.target)
        .executeTakeFirst();
      const who = holder ? ` (scan ${holder.id}, pid ${holder.pid} on ${holder.host}, since ${holder.started_at})` : '';
      throw new ParapetError('scan_locked', `a scan of target ${JSON.stringify(input.target)} is already running${who}`, { cause: err });
    }
  }

  async heartbeat(id: number): Promise<void> {
    await this.db.updateTable('scans').set({ heartbeat_at: nowIso() }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  /** Beats every `intervalMs` until the returned function is called. */
  startHeartbeat(id: number, intervalMs = 15_000): () => void {
    const timer = setInterval(() => {
      this.heartbeat(id).catch(() => undefined);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async addResources(id: number, resources: readonly Resource[]): Promise<void> {
    for (let i = 0; i < resources.length; i += BATCH) {
      const rows = resources.slice(i, i + BATCH).map((r) => ({
        scan_id: id,
        resource_id: r.id,
        provider: r.provider,
        type: r.type,
        account: r.account,
        region: r.region,
        name: r.name ?? '',
        tags: toJson(r.tags ?? {}),
        config: toJson(r.config ?? {}),
      }));
      await this.db.insertInto('scan_resources').values(rows).onConflict((oc) => oc.columns(['scan_id', 'resource_id']).doNothing()).execute();
    }
  }

  async addOutcomes(id: number, outcomes: readonly Outcome[]): Promise<void> {
    for (let i = 0; i < outcomes.length; i += BATCH) {
      const rows = outcomes.slice(i, i + BATCH).map((o) => ({
        scan_id: id,
        rule_id: o.rule_id,
        resource_id: o.resource_id,
        resource_type: o.resource_type,
        provider: o.provider,
        account: o.account,
        region: o.region,
        status: o.status,
        severity: o.severity,
        message: o.status === 'FAIL' ? (o.message ?? null) : o.status === 'ERROR' ? (o.error ?? 'evaluation error') : null,
        evidence: o.status === 'FAIL' && o.evidence ? toJson(o.evidence) : null,
      }));
      await this.db
        .insertInto('scan_results')
        .values(rows)
        .onConflict((oc) => oc.columns(['scan_id', 'rule_id', 'resource_id']).doNothing())
        .execute();
    }
  }

  /**
   * Finishes a running scan in one transaction: applies the findings lifecycle,
   * records the scores and counts, frees the target. `partial` when a source is incomplete.
   */
  async finish(id: number, input: FinishScan = {}): Promise<ScanRecord> {
    const at = nowIso();
    await this.db.transaction().execute(async (trx) => {
      // Write first: SQLite takes the write lock before this transaction reads anything.
      const scan = await trx
        .updateTable('scans')
        .set({ heartbeat_at: at })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .returning(['id', 'target', 'started_at', 'sources'])
        .executeTakeFirst();
      if (!scan) throw new ParapetError('scan_not_running', `scan ${id} is not running`);
      const sources = input.sources ?? fromJson<Source[]>(scan.sources, []);
      const complete = sources.every((s) => s.complete);
      const findings = await applyLifecycle(trx, { id, target: scan.target }, at, { complete });

      const outcomes = { PASS: 0, FAIL: 0, ERROR: 0 };
      const failing_by_severity: Record<string, number> = {};
      for (const row of await trx
        .selectFrom('scan_results')
        .select(['status', 'severity', (eb) => eb.fn.countAll().as('n')])
        .where('scan_id', '=', id)
        .groupBy(['status', 'severity'])
        .execute()) {
        outcomes[row.status] += num(row.n);
        if (row.status === 'FAIL') failing_by_severity[row.severity] = (failing_by_severity[row.severity] ?? 0) + num(row.n);
      }
      const resources = num(
        (await trx.selectFrom('scan_resources').select((eb) => eb.fn.countAll().as('n')).where('scan_id', '=', id).executeTakeFirst())?.n,
      );
      const counts: ScanCounts = { resources, outcomes, findings, failing_by_severity };

      const scores = await computeScores(trx, id, input.frameworks ?? []);
      if (scores.length) await trx.insertInto('scan_scores').values(scores).execute();

      await trx
        .updateTable('scans')
        .set({
          status: complete ? 'succeeded' : 'partial',
          finished_at: at,
          sources: toJson(sources),
          counts: toJson(counts),
          duration_ms: Date.parse(at) - Date.parse(scan.started_at),
          ...(input.bundle ? { bundle_name: input.bundle.name, bundle_version: input.bundle.version, bundle_digest: input.bundle.digest } : {}),
        })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('scan_locks').where('scan_id', '=', id).execute();
    });
    return this.get(id);
  }

  /** Ends a scan as failed, keeping findings as they were. */
  async fail(id: number, error: string, sources?: Source[]): Promise<ScanRecord> {
    const at = nowIso();
    await this.db.transaction().execute(async (trx) => {
      const scan = await trx
        .updateTable('scans')
        .set({ status: 'failed', finished_at: at, error, ...(sources ? { sources: toJson(sources) } : {}) })
        .where('id', '=', id)
        .where('status', 'in', ['running', 'queued'])
        .returning(['started_at'])
        .executeTakeFirst();
      if (scan) {
        await trx.updateTable('scans').set({ duration_ms: Date.parse(at) - Date.parse(scan.started_at) }).where('id', '=', id).execute();
      }
      await trx.deleteFrom('scan_locks').where('scan_id', '=', id).execute();
    });
    return this.get(id);
  }

  async get(id: number): Promise<ScanRecord> {
    const row = await this.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new ParapetError('scan_not_found', `no scan ${id}`);
    return toRecord(row);
  }

  /** Newest first. `finished` keeps only scans that finished (succeeded or partial). */
  async list(options: { target?: string; finished?: boolean; limit?: number; before?: number } = {}): Promise<ScanRecord[]> {
    let query = this.db.selectFrom('scans').selectAll();
    if (options.target) query = query.where('target', '=', options.target);
    if (options.finished) query = query.where('status', 'in', ['succeeded', 'partial']);
    if (options.before !== undefined) query = query.where('id', '<', options.before);
    const rows = await query.orderBy('id', 'desc').limit(options.limit ?? 50).execute();
    return rows.map(toRecord);
  }

  /** The resources snapshot of a scan: one resource's configuration, for drill-down. */
  async resource(scanId: number, resourceId: string): Promise<Resource | undefined> {
    const row = await this.db
      .selectFrom('scan_resources')
      .selectAll()
      .where('scan_id', '=', scanId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.resource_id,
      provider: row.provider as Resource['provider'],
      type: row.type,
      account: row.account,
      region: row.region,
      name: row.name,
      tags: fromJson(row.tags, {}),
      config: fromJson(row.config, {}),
    };
  }

  /** A scan's outcomes, optionally of one status, in (rule, resource) order. */
  async outcomes(scanId: number, options: { status?: Outcome['status']; limit?: number; offset?: number } = {}): Promise<Outcome[]> {
    let query = this.db.selectFrom('scan_results').selectAll().where('scan_id', '=', scanId);
    if (options.status) query = query.where('status', '=', options.status);
    const rows = await query
      .orderBy('rule_id')
      .orderBy('resource_id')
      .limit(options.limit ?? 1000)
      .offset(options.offset ?? 0)
      .execute();
    return rows.map((r) => {
      const o: Outcome = {
        rule_id: r.rule_id,
        resource_id: r.resource_id,
        resource_type: r.resource_type,
        provider: r.provider as Outcome['provider'],
        account: r.account,
        region: r.region,
        status: r.status,
        severity: r.severity as Outcome['severity'],
      };
      if (r.status === 'FAIL') {
        if (r.message !== null) o.message = r.message;
        if (r.evidence !== null) o.evidence = fromJson<unknown[]>(r.evidence, []);
      }
      if (r.status === 'ERROR' && r.message !== null) o.error = r.message;
      return o;
    });
  }
}
