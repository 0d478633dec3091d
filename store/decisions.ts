/**
 * Decision logs: every decision the service answers, with its input masked
 * before storage (OPA-style paths, `/input/user/password`; `*` matches any key
 * or array element), queries by time range, path and decision id, and
 * retention by age and by row count.
 */
import { ParapetError } from '../common/errors.js';
import { fromJson, num, toIso, toJson, type DB } from './db.js';
import type { DecisionLogsTable } from './schema.js';

export const MASKED = '**masked**';

export interface DecisionLog {
  decision_id: string;
  path: string;
  input?: unknown;
  result?: unknown;
  /** Bundle name → revision. */
  revisions: Record<string, string>;
  timestamp: string;
  latency_us: number;
  error?: string;
}

export interface DecisionQuery {
  from?: Date | string;
  to?: Date | string;
  path?: string;
  decisionId?: string;
  limit?: number;
  /** Newest first; pass the last entry's timestamp and id to page on. */
  before?: { timestamp: string; decision_id: string };
}

function parsePath(path: string): string[] {
  const parts = path.replace(/^\//, '').split('/').filter(Boolean);
  if (parts[0] === 'input') parts.shift();
  return parts;
}

function maskAt(value: unknown, parts: string[]): unknown {
  if (parts.length === 0) return MASKED;
  if (value === null || typeof value !== 'object') return value;
  const [head, ...rest] = parts as [string, ...string[]];
  if (Array.isArray(value)) {
    return value.map((item, i) => (head === '*' || head === String(i) ? maskAt(item, rest) : item));
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k of Object.keys(out)) if (head === '*' || head === k) out[k] = maskAt(out[k], rest);
  return out;
}

/** A copy of `input` with each path's value replaced by `**masked**` (absent paths are left alone). */
export function maskInput(input: unknown, paths: readonly string[]): unknown {
  let out = input;
  for (const path of paths) {
    const parts = parsePath(path);
    if (parts.length === 0) return MASKED;
    out = maskAt(out, parts);
  }
  return out;
}

function toLog(row: DecisionLogsTable): DecisionLog {
  const log: DecisionLog = {
    decision_id: row.decision_id,
    path: row.path,
    revisions: fromJson(row.revisions, {}),
    timestamp: row.timestamp,
    latency_us: num(row.latency_us),
  };
  if (row.input !== null) log.input = fromJson(row.input, null);
  if (row.result !== null) log.result = fromJson(row.result, null);
  if (row.error !== null) log.error = row.error;
  return log;
}

export class DecisionLogRepository {
  constructor(
    private readonly db: DB,
    private readonly maskPaths: readonly string[] = [],
  ) {}

  /** Stores decisions (a batch in one statement), masking their inputs first. */
  async record(logs: readonly DecisionLog[], options: { mask?: readonly string[] } = {}): Promise<void> {
    const mask = options.mask ?? this.maskPaths;
    for (let i = 0; i < logs.length; i += 500) {
      const rows: DecisionLogsTable[] = logs.slice(i, i + 500).map((l) => ({
        decision_id: l.decision_id,
        path: l.path,
        input: l.input === undefined ? null : toJson(mask.length ? maskInput(l.input, mask) : l.input),
        result: l.result === undefined ? null : toJson(l.result),
        revisions: toJson(l.revisions ?? {}),
        timestamp: toIso(l.timestamp),
        latency_us: Math.round(l.latency_us),
        error: l.error ?? null,
      }));
      await this.db.insertInto('decision_logs').values(rows).execute();
    }
  }

  async get(decisionId: string): Promise<DecisionLog> {
    const row = await this.db.selectFrom('decision_logs').selectAll().where('decision_id', '=', decisionId).executeTakeFirst();
    if (!row) throw new ParapetError('decision_not_found', `no decision ${decisionId}`);
    return toLog(row);
  }

  /** Newest first. */
  async query(q: DecisionQuery = {}): Promise<DecisionLog[]> {
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
    let query = this.db.selectFrom('decision_logs').selectAll();
    if (q.from !== undefined) query = query.where('timestamp', '>=', toIso(q.from));
    if (q.to !== undefined) query = query.where('timestamp', '<', toIso(q.to));
    if (q.path) query = query.where('path', '=', q.path.replace(/^\/+/, ''));
    if (q.decisionId) query = query.where('decision_id', '=', q.decisionId);
    const before = q.before;
    if (before) {
      query = query.where((eb) =>
        eb.or([
          eb('timestamp', '<', before.timestamp),
          eb.and([eb('timestamp', '=', before.timestamp), eb('decision_id', '<', before.decision_id)]),
        ]),
      );
    }
    const rows = await query.orderBy('timestamp', 'desc').orderBy('decision_id', 'desc').limit(limit).execute();
    return rows.map(toLog);
  }

  async count(): Promise<number> {
    return num((await this.db.selectFrom('decision_logs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n);
  }

  /**
   * Retention: deletes decisions older than `maxAgeMs`, then the oldest beyond
   * `maxRows`. Returns how many it deleted.
   */
  async prune(options: { maxAgeMs?: number; maxRows?: number; now?: Date }): Promise<number> {
    let deleted = 0;
    if (options.maxAgeMs !== undefined) {
      const cutoff = new Date((options.now ?? new Date()).getTime() - options.maxAgeMs).toISOString();
      const res = await this.db.deleteFrom('decision_logs').where('timestamp', '<', cutoff).executeTakeFirst();
      deleted += num(res.numDeletedRows);
    }
    if (options.maxRows !== undefined) {
      // The newest row beyond the limit: everything at or before it (by timestamp, then id) goes.
      const edge = await this.db
        .selectFrom('decision_logs')
        .select(['timestamp', 'decision_id'])
        .orderBy('timestamp', 'desc')
        .orderBy('decision_id', 'desc')
        .offset(Math.max(0, options.maxRows))
        .limit(1)
        .executeTakeFirst();
      if (edge) {
        const res = await this.db
          .deleteFrom('decision_logs')
          .where((eb) =>
            eb.or([
              eb('timestamp', '<', edge.timestamp),
              eb.and([eb('timestamp', '=', edge.timestamp), eb('decision_id', '<=', edge.decision_id)]),
            ]),
          )
          .executeTakeFirst();
        deleted += num(res.numDeletedRows);
      }
    }
    return deleted;
  }
}

