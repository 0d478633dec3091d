/**
 * Posture scores, computed when a scan finishes and kept per scan so that the
 * trend is a plain query.
 *
 * Account, provider and overall scores are the severity-weighted share of
 * passing outcomes: 100 × Σw·PASS / Σw·(PASS + FAIL), with weights critical 10,
 * high 5, medium 3, low 1, info 0. ERROR outcomes and failures an exception
 * suppresses (accepted risks) count on neither side. Null when nothing counts.
 * Framework scores are the compliance roll-up's own (passed controls over
 * decided ones), handed in by the scan.
 */
import type { Transaction } from 'kysely';
import { num, type DB } from './db.js';
import type { Database, ScanScoresTable } from './schema.js';

export const SEVERITY_WEIGHTS: Readonly<Record<string, number>> = { critical: 10, high: 5, medium: 3, low: 1, info: 0 };

export type ScoreDimension = 'overall' | 'provider' | 'account' | 'framework';

export interface FrameworkScoreInput {
  id: string;
  score: number | null;
  passed: number;
  failed: number;
}

export interface ScoreRow {
  scan_id: number;
  dimension: ScoreDimension;
  key: string;
  score: number | null;
  passed: number;
  failed: number;
}

export interface TrendPoint extends ScoreRow {
  finished_at: string;
  target: string;
}

interface Tally {
  wPass: number;
  wFail: number;
  passed: number;
  failed: number;
}

export async function computeScores(trx: Transaction<Database> | DB, scanId: number, frameworks: FrameworkScoreInput[]): Promise<ScanScoresTable[]> {
  const rows = await trx
    .selectFrom('scan_results as r')
    .leftJoin('findings as f', (join) =>
      join.onRef('f.rule_id', '=', 'r.rule_id').onRef('f.resource_id', '=', 'r.resource_id').on('f.last_scan_id', '=', scanId),
    )
    .select(['r.provider', 'r.account', 'r.severity', 'r.status', 'f.suppressed_by', (eb) => eb.fn.countAll().as('n')])
    .where('r.scan_id', '=', scanId)
    .where('r.status', '!=', 'ERROR')
    .groupBy(['r.provider', 'r.account', 'r.severity', 'r.status', 'f.suppressed_by'])
    .execute();
  const tallies = new Map<string, Tally>();
  const add = (dimension: string, key: string, pass: boolean, weight: number, n: number) => {
    const id = `${dimension}\u0000${key}`;
    const t = tallies.get(id) ?? { wPass: 0, wFail: 0, passed: 0, failed: 0 };
    if (pass) {
      t.passed += n;
      t.wPass += weight * n;
    } else {
      t.failed += n;
      t.wFail += weight * n;
    }
    tallies.set(id, t);
  };
  for (const r of rows) {
    if (r.status === 'FAIL' && r.suppressed_by !== null) continue;
    const pass = r.status === 'PASS';
    const weight = SEVERITY_WEIGHTS[r.severity] ?? 1;
    const n = num(r.n);
    add('overall', 'all', pass, weight, n);
    add('provider', r.provider, pass, weight, n);
    add('account', `${r.provider}:${r.account}`, pass, weight, n);
  }
  const out: ScanScoresTable[] = [];
  for (const [id, t] of tallies) {
    const [dimension, key] = id.split('\u0000') as [string, string];
    const total = t.wPass + t.wFail;
    out.push({ scan_id: scanId, dimension, key, score: total > 0 ? round(100 * (t.wPass / total)) : null, passed: t.passed, failed: t.failed });
  }
  for (const f of frameworks) {
    out.push({ scan_id: scanId, dimension: 'framework', key: f.id, score: f.score === null ? null : round(f.score), passed: f.passed, failed: f.failed });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function toRow(r: ScanScoresTable): ScoreRow {
  return {
    scan_id: Number(r.scan_id),
    dimension: r.dimension as ScoreDimension,
    key: r.key,
    score: r.score === null ? null : Number(r.score),
    passed: num(r.passed),
    failed: num(r.failed),
  };
}

export class ScoreRepository {
  constructor(private readonly db: DB) {}

  async forScan(scanId: number, dimension?: ScoreDimension): Promise<ScoreRow[]> {
    let query = this.db.selectFrom('scan_scores').selectAll().where('scan_id', '=', scanId);
    if (dimension) query = query.where('dimension', '=', dimension);
    return (await query.orderBy('dimension').orderBy('key').execute()).map(toRow);
  }

  /** One score across the finished scans, oldest first (the last `limit` of them). */
  async trend(options: { dimension: ScoreDimension; key: string; target?: string; limit?: number }): Promise<TrendPoint[]> {
    let query = this.db
      .selectFrom('scan_scores as sc')
      .innerJoin('scans as s', 's.id', 'sc.scan_id')
      .selectAll('sc')
      .select(['s.finished_at', 's.target'])
      .where('sc.dimension', '=', options.dimension)
      .where('sc.key', '=', options.key)
      .where('s.status', 'in', ['succeeded', 'partial']);
    if (options.target) query = query.where('s.target', '=', options.target);
    const rows = await query.orderBy('s.id', 'desc').limit(options.limit ?? 30).execute();
    return rows.reverse().map((r) => ({ ...toRow(r), finished_at: r.finished_at ?? '', target: r.target }));
  }
}
