/**
 * Applies the findings lifecycle (engine/findings/lifecycle.ts) to the store
 * when a scan finishes, inside the scan's finishing transaction: the findings
 * table only ever reflects whole scans.
 *
 * Pass 1 walks the scan's FAIL outcomes in pages and upserts their findings,
 * deciding suppression by the exceptions active at the finishing time.
 * Pass 2 resolves the still-active findings the scan shows fixed:
 *   - a PASS outcome for the same (rule, resource);
 *   - in a complete scan (every source complete), no outcome for the pair while
 *     the rule ran without ERROR in the same account: either the rule ran for
 *     the account and no longer names the resource (`not_reported`), or the
 *     resource is gone from an account the scan read (`resource_gone`).
 * An ERROR outcome for the rule in that account, or an account the scan did not
 * read, leaves a finding as it was.
 */
import type { Transaction } from 'kysely';
import { nextStatus, type FindingStatus, type Step } from '../engine/findings/lifecycle.js';
import { fromJson, type DB } from './db.js';
import { ExceptionRepository, isActiveAt, scopeMatcher, type Subject } from './exceptions.js';
import type { Database, FindingsTable, FindingTransitionsTable } from './schema.js';

type Trx = Transaction<Database> | DB;

export interface LifecycleSummary {
  new: number;
  open: number;
  reopened: number;
  resolved: number;
  /** Failing findings an active exception suppresses. */
  suppressed: number;
}

const PAGE = 400;

interface FailRow {
  rule_id: string;
  resource_id: string;
  resource_type: string;
  provider: string;
  account: string;
  region: string;
  severity: string;
  message: string | null;
  evidence: string | null;
  tags: string | null;
}

export async function applyLifecycle(
  trx: Trx,
  scan: { id: number; target: string },
  at: string,
  options: { complete: boolean },
): Promise<LifecycleSummary> {
  const summary: LifecycleSummary = { new: 0, open: 0, reopened: 0, resolved: 0, suppressed: 0 };
  const exceptions = (await new ExceptionRepository(trx as DB).list())
    .filter((e) => isActiveAt(e, at))
    .map((e) => ({ id: e.id, matches: scopeMatcher(e.scope) }));

  // Pass 1: failing outcomes.
  let after: { rule: string; resource: string } | null = null;
  for (;;) {
    const cursor: { rule: string; resource: string } | null = after;
    const page: FailRow[] = await trx
      .selectFrom('scan_results as r')
      .leftJoin('scan_resources as sr', (join) => join.onRef('sr.scan_id', '=', 'r.scan_id').onRef('sr.resource_id', '=', 'r.resource_id'))
      .select([
        'r.rule_id', 'r.resource_id', 'r.resource_type', 'r.provider', 'r.account', 'r.region',
        'r.severity', 'r.message', 'r.evidence', 'sr.tags',
      ])
      .where('r.scan_id', '=', scan.id)
      .where('r.status', '=', 'FAIL')
      // A row-value comparison: both dialects read it as one range of the primary key.
      .$if(cursor !== null, (q) => q.where((eb) => eb(eb.refTuple('r.rule_id', 'r.resource_id'), '>', eb.tuple(cursor!.rule, cursor!.resource))))
      .orderBy('r.rule_id')
      .orderBy('r.resource_id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    const last: FailRow = page[page.length - 1]!;
    after = { rule: last.rule_id, resource: last.resource_id };

    const existing = new Map<string, FindingsTable>();
    for (const f of await trx
      .selectFrom('findings')
      .selectAll()
      .where((eb) => eb.or(byRule(page).map(([rule, resources]) => eb.and([eb('rule_id', '=', rule), eb('resource_id', 'in', resources)]))))
      .execute()) {
      existing.set(key(f.rule_id, f.resource_id), f);
    }

    const upserts: FindingsTable[] = [];
    const transitions: FindingTransitionsTable[] = [];
    for (const r of page) {
      const prior = existing.get(key(r.rule_id, r.resource_id));
      const subject: Subject = { rule_id: r.rule_id, resource_id: r.resource_id, account: r.account, tags: fromJson(r.tags, {}) };
      const suppressedBy = exceptions.find((e) => e.matches(subject))?.id ?? null;
      const step = nextStatus(prior && { status: prior.status, suppressed: prior.suppressed_by !== null }, 'FAIL', suppressedBy !== null) as Step;
      summary[step.to]++;
      if (suppressedBy) summary.suppressed++;
      upserts.push({
        rule_id: r.rule_id,
        resource_id: r.resource_id,
        target: scan.target,
        provider: r.provider,
        account: r.account,
        region: r.region,
        resource_type: r.resource_type,
        severity: r.severity,
        status: step.to,
        first_seen: prior?.first_seen ?? at,
        last_seen: at,
        first_scan_id: prior?.first_scan_id ?? scan.id,
        last_scan_id: scan.id,
        resolved_at: null,
        message: r.message,
        evidence: r.evidence,
        suppressed_by: suppressedBy,
      });
      if (step.to !== prior?.status) {
        transitions.push(transition(scan.id, r.rule_id, r.resource_id, prior?.status ?? null, step.to, at, step.reason ?? null));
      }
    }
    await trx
      .insertInto('findings')
      .values(upserts)
      .onConflict((oc) =>
        oc.columns(['rule_id', 'resource_id']).doUpdateSet((eb) => ({
          target: eb.ref('excluded.target'),
          provider: eb.ref('excluded.provider'),
          account: eb.ref('excluded.account'),
          region: eb.ref('excluded.region'),
          resource_type: eb.ref('excluded.resource_type'),
          severity: eb.ref('excluded.severity'),
          status: eb.ref('excluded.status'),
          last_seen: eb.ref('excluded.last_seen'),
          last_scan_id: eb.ref('excluded.last_scan_id'),
          resolved_at: eb.ref('excluded.resolved_at'),
          message: eb.ref('excluded.message'),
          evidence: eb.ref('excluded.evidence'),
          suppressed_by: eb.ref('excluded.suppressed_by'),
        })),
      )
      .execute();
    if (transitions.length) await trx.insertInto('finding_transitions').values(transitions).execute();
  }

  // Pass 2: resolutions.
  const resolutions = new Map<string, { rule_id: string; resource_id: string; status: FindingStatus; reason: string | null }>();
  const passed = await trx
    .selectFrom('findings as f')
    .innerJoin('scan_results as r', (join) =>
      join.onRef('r.rule_id', '=', 'f.rule_id').onRef('r.resource_id', '=', 'f.resource_id').on('r.scan_id', '=', scan.id),
    )
    .select(['f.rule_id', 'f.resource_id', 'f.status'])
    .where('r.status', '=', 'PASS')
    .where('f.status', '!=', 'resolved')
    .execute();
  for (const f of passed) resolutions.set(key(f.rule_id, f.resource_id), { ...f, reason: null });

  if (options.complete) {
    // Small per-scan sets, so the per-finding test below is a lookup, not a scan of scan_results.
    const ranIn = new Set<string>();
    const erredIn = new Set<string>();
    const rulesRun = new Set<string>();
    for (const r of await trx
      .selectFrom('scan_results')
      .select(['rule_id', 'provider', 'account', 'status'])
      .distinct()
      .where('scan_id', '=', scan.id)
      .execute()) {
      ranIn.add(`${r.rule_id}\u0000${r.provider}\u0000${r.account}`);
      if (r.status === 'ERROR') erredIn.add(`${r.rule_id}\u0000${r.provider}\u0000${r.account}`);
      rulesRun.add(r.rule_id);
    }
    const accountsRead = new Set(
      (await trx.selectFrom('scan_resources').select(['provider', 'account']).distinct().where('scan_id', '=', scan.id).execute()).map(
        (a) => `${a.provider}\u0000${a.account}`,
      ),
    );
    // Active findings with no outcome for their pair in this scan.
    const unseen = await trx
      .selectFrom('findings as f')
      .select(['f.rule_id', 'f.resource_id', 'f.status', 'f.provider', 'f.account'])
      .select((eb) =>
        eb
          .exists(eb.selectFrom('scan_resources as sr').select('sr.resource_id').where('sr.scan_id', '=', scan.id).whereRef('sr.resource_id', '=', 'f.resource_id'))
          .as('present'),
      )
      .where('f.status', '!=', 'resolved')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('scan_results as r').select('r.rule_id').where('r.scan_id', '=', scan.id)
              .whereRef('r.rule_id', '=', 'f.rule_id').whereRef('r.resource_id', '=', 'f.resource_id'),
          ),
        ),
      )
      .execute();
    for (const f of unseen) {
      const ruleInAccount = `${f.rule_id}\u0000${f.provider}\u0000${f.account}`;
      if (erredIn.has(ruleInAccount)) continue;
      let reason: string | null = null;
      if (ranIn.has(ruleInAccount)) reason = 'not_reported';
      else if (!truthy(f.present) && accountsRead.has(`${f.provider}\u0000${f.account}`) && rulesRun.has(f.rule_id)) reason = 'resource_gone';
      if (reason) resolutions.set(key(f.rule_id, f.resource_id), { rule_id: f.rule_id, resource_id: f.resource_id, status: f.status, reason });
    }
  }

  const all = [...resolutions.values()];
  for (let i = 0; i < all.length; i += PAGE) {
    const batch = all.slice(i, i + PAGE);
    await trx
      .insertInto('finding_transitions')
      .values(batch.map((f) => transition(scan.id, f.rule_id, f.resource_id, f.status, 'resolved', at, f.reason)))
      .execute();
    await trx
      .updateTable('findings')
      .set({ status: 'resolved', resolved_at: at, suppressed_by: null })
      .where((eb) => eb.or(byRule(batch).map(([rule, resources]) => eb.and([eb('rule_id', '=', rule), eb('resource_id', 'in', resources)]))))
      .execute();
  }
  summary.resolved = all.length;
  return summary;
}

/** Pairs grouped by rule: `rule_id = ? and resource_id in (…)` per rule uses the primary key as one range. */
function byRule(pairs: ReadonlyArray<{ rule_id: string; resource_id: string }>): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const p of pairs) {
    const list = groups.get(p.rule_id);
    if (list) list.push(p.resource_id);
    else groups.set(p.rule_id, [p.resource_id]);
  }
  return [...groups];
}

function key(rule: string, resource: string): string {
  return `${rule}\u0000${resource}`;
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

function transition(
  scanId: number,
  rule_id: string,
  resource_id: string,
  from: FindingStatus | null,
  to: FindingStatus,
  at: string,
  reason: string | null,
): FindingTransitionsTable {
  return { scan_id: scanId, rule_id, resource_id, from_status: from, to_status: to, at, reason };
}
