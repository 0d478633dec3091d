/** Reading findings, their transitions, and what changed between two scans. */
import { ParapetError } from '../common/errors.js';
import { classifyChange, type Change, type FindingStatus } from '../engine/findings/lifecycle.js';
import { fromJson, type DB } from './db.js';
import type { FindingsTable } from './schema.js';

export interface Finding {
  rule_id: string;
  resource_id: string;
  target: string;
  provider: string;
  account: string;
  region: string;
  resource_type: string;
  severity: string;
  status: FindingStatus;
  first_seen: string;
  last_seen: string;
  first_scan_id: number;
  last_scan_id: number;
  resolved_at: string | null;
  message: string | null;
  evidence: unknown[];
  suppressed_by: string | null;
}

export interface Transition {
  scan_id: number;
  rule_id: string;
  resource_id: string;
  from: FindingStatus | null;
  to: FindingStatus;
  at: string;
  reason: string | null;
}

export interface FindingQuery {
  status?: FindingStatus[];
  /** new, open or reopened. */
  active?: boolean;
  suppressed?: boolean;
  severity?: string[];
  target?: string;
  provider?: string;
  account?: string;
  rule?: string;
  limit?: number;
  offset?: number;
}

export interface DiffEntry extends Finding {
  change: Change;
}

export interface ScanDiff {
  /** null when `to` is the first scan: everything it found is new. */
  from: number | null;
  to: number;
  new: DiffEntry[];
  resolved: DiffEntry[];
  reopened: DiffEntry[];
}

function toFinding(r: FindingsTable): Finding {
  return {
    ...r,
    first_scan_id: Number(r.first_scan_id),
    last_scan_id: Number(r.last_scan_id),
    evidence: fromJson<unknown[]>(r.evidence, []),
  };
}

export class FindingRepository {
  constructor(private readonly db: DB) {}

  async list(q: FindingQuery = {}): Promise<Finding[]> {
    let query = this.db.selectFrom('findings').selectAll();
    if (q.status?.length) query = query.where('status', 'in', q.status);
    if (q.active === true) query = query.where('status', '!=', 'resolved');
    if (q.active === false) query = query.where('status', '=', 'resolved');
    if (q.suppressed === true) query = query.where('suppressed_by', 'is not', null);
    if (q.suppressed === false) query = query.where('suppressed_by', 'is', null);
    if (q.severity?.length) query = query.where('severity', 'in', q.severity);
    if (q.target) query = query.where('target', '=', q.target);
    if (q.provider) query = query.where('provider', '=', q.provider);
    if (q.account) query = query.where('account', '=', q.account);
    if (q.rule) query = query.where('rule_id', '=', q.rule);
    const rows = await query
      .orderBy('rule_id')
      .orderBy('resource_id')
      .limit(q.limit ?? 1000)
      .offset(q.offset ?? 0)
      .execute();
    return rows.map(toFinding);
  }

  async get(ruleId: string, resourceId: string): Promise<Finding | undefined> {
    const row = await this.db.selectFrom('findings').selectAll().where('rule_id', '=', ruleId).where('resource_id', '=', resourceId).executeTakeFirst();
    return row && toFinding(row);
  }

  /** Transitions of one scan, or of one finding (oldest first). */
  async transitions(filter: { scanId?: number; ruleId?: string; resourceId?: string }): Promise<Transition[]> {
    let query = this.db.selectFrom('finding_transitions').selectAll();
    if (filter.scanId !== undefined) query = query.where('scan_id', '=', filter.scanId);
    if (filter.ruleId) query = query.where('rule_id', '=', filter.ruleId);
    if (filter.resourceId) query = query.where('resource_id', '=', filter.resourceId);
    const rows = await query.orderBy('scan_id').orderBy('rule_id').orderBy('resource_id').execute();
    return rows.map((r) => ({
      scan_id: Number(r.scan_id),
      rule_id: r.rule_id,
      resource_id: r.resource_id,
      from: r.from_status,
      to: r.to_status,
      at: r.at,
      reason: r.reason,
    }));
  }

  /**
   * New, resolved and reopened findings between two finished scans of one
   * target, from the transitions of the scans after `from` up to `to`.
   * Defaults: `to` the latest finished scan (of `target` when given), `from` the
   * finished scan of the same target before it.
   */
  async diff(options: { from?: number; to?: number; target?: string } = {}): Promise<ScanDiff> {
    const finished = ['succeeded', 'partial'] as const;
    const toScan =
      options.to !== undefined
        ? await this.db.selectFrom('scans').select(['id', 'target', 'status']).where('id', '=', options.to).executeTakeFirst()
        : await this.db
            .selectFrom('scans')
            .select(['id', 'target', 'status'])
            .where('status', 'in', finished)
            .$if(options.target !== undefined, (q) => q.where('target', '=', options.target!))
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirst();
    if (!toScan) {
      throw new ParapetError('scan_not_found', options.to !== undefined ? `no scan ${options.to}` : 'no finished scan to compare');
    }
    const to = Number(toScan.id);
    let from: number | null;
    if (options.from !== undefined) {
      const fromScan = await this.db.selectFrom('scans').select(['id', 'target']).where('id', '=', options.from).executeTakeFirst();
      if (!fromScan) throw new ParapetError('scan_not_found', `no scan ${options.from}`);
      if (fromScan.target !== toScan.target) {
        throw new ParapetError('diff_invalid', `scans ${options.from} and ${to} are of different targets (${fromScan.target}, ${toScan.target})`);
      }
      from = Number(fromScan.id);
      if (from >= to) throw new ParapetError('diff_invalid', `--from (${from}) must be an earlier scan than --to (${to})`);
    } else {
      const prev = await this.db
        .selectFrom('scans')
        .select('id')
        .where('status', 'in', finished)
        .where('target', '=', toScan.target)
        .where('id', '<', to)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      from = prev ? Number(prev.id) : null;
    }

    const rows = await this.db
      .selectFrom('finding_transitions as t')
      .innerJoin('scans as s', 's.id', 't.scan_id')
      .select(['t.scan_id', 't.rule_id', 't.resource_id', 't.from_status', 't.to_status'])
      .where('s.target', '=', toScan.target)
      .where('t.scan_id', '<=', to)
      .$if(from !== null, (q) => q.where('t.scan_id', '>', from!))
      .orderBy('t.rule_id')
      .orderBy('t.resource_id')
      .orderBy('t.scan_id')
      .execute();
    const perFinding = new Map<string, { rule: string; resource: string; before: FindingStatus | null; after: FindingStatus; seen: FindingStatus[] }>();
    for (const r of rows) {
      const k = `${r.rule_id}\u0000${r.resource_id}`;
      const entry = perFinding.get(k);
      if (!entry) perFinding.set(k, { rule: r.rule_id, resource: r.resource_id, before: r.from_status, after: r.to_status, seen: [r.to_status] });
      else {
        entry.after = r.to_status;
        entry.seen.push(r.to_status);
      }
    }
    const diff: ScanDiff = { from, to, new: [], resolved: [], reopened: [] };
    const changes: Array<{ rule: string; resource: string; change: Change }> = [];
    for (const e of perFinding.values()) {
      const change = classifyChange(e.before, e.after, e.seen);
      if (change) changes.push({ rule: e.rule, resource: e.resource, change });
    }
    for (let i = 0; i < changes.length; i += 400) {
      const batch = changes.slice(i, i + 400);
      const found = await this.db
        .selectFrom('findings')
        .selectAll()
        .where((eb) => eb.or(batch.map((c) => eb.and([eb('rule_id', '=', c.rule), eb('resource_id', '=', c.resource)]))))
        .execute();
      const byKey = new Map(found.map((f) => [`${f.rule_id}\u0000${f.resource_id}`, toFinding(f)]));
      for (const c of batch) {
        const finding = byKey.get(`${c.rule}\u0000${c.resource}`);
        if (finding) diff[c.change].push({ ...finding, change: c.change });
      }
    }
    return diff;
  }
}
