/**
 * The findings list behind GET /v1/findings and the dashboard: a filter on every
 * field, free-text search, sort and pagination, pushed down to SQL so that a
 * page of 100,000 findings costs one indexed query plus one count.
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { FINDING_STATUSES, type FindingStatus } from '../../../engine/findings/lifecycle.js';
import type { RuleMetadata } from '../../../engine/bundle/types.js';
import { fromJson, num, type DB } from '../../../store/db.js';
import type { Database, FindingsTable } from '../../../store/schema.js';
import { ApiError } from '../../errors.js';
import { SEVERITY_ORDER, serviceOf } from './shared.js';

export const SORT_FIELDS = [
  'severity', 'rule_id', 'resource_id', 'resource_type', 'provider', 'account', 'region', 'status', 'first_seen', 'last_seen',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface FindingFilter {
  status?: FindingStatus[];
  /** new, open or reopened (the default view); false: resolved only. */
  active?: boolean;
  severity?: string[];
  provider?: string[];
  account?: string[];
  region?: string[];
  resource_type?: string[];
  rule?: string[];
  resource?: string;
  target?: string;
  /** Rules mapped to this framework (and control) by the bundle's metadata. */
  framework?: string;
  control?: string;
  suppressed?: boolean;
  /** Case-insensitive text in the rule id or title, resource id, message or account. */
  q?: string;
}

export interface FindingPage {
  sort: SortField;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface FindingView {
  rule_id: string;
  title: string;
  resource_id: string;
  resource_type: string;
  service: string;
  target: string;
  provider: string;
  account: string;
  region: string;
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

type FindingsQuery<O = object> = SelectQueryBuilder<Database, 'findings', O>;

export function toView(row: FindingsTable, rules: Map<string, RuleMetadata>): FindingView {
  return {
    ...row,
    title: rules.get(row.rule_id)?.title ?? row.rule_id,
    service: serviceOf(row.resource_type),
    first_scan_id: num(row.first_scan_id),
    last_scan_id: num(row.last_scan_id),
    evidence: fromJson<unknown[]>(row.evidence, []),
  };
}

/** Rule ids a framework (and optionally one control) maps to. */
export function rulesOfFramework(rules: Iterable<RuleMetadata>, framework: string, control?: string): string[] {
  const ids: string[] = [];
  for (const r of rules) {
    const controls = r.frameworks[framework];
    if (controls && (!control || controls.includes(control))) ids.push(r.id);
  }
  return ids;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function applyFilter<O>(query: FindingsQuery<O>, f: FindingFilter, rules: Map<string, RuleMetadata>): FindingsQuery<O> {
  const inList = <K extends 'status' | 'severity' | 'provider' | 'account' | 'region' | 'resource_type' | 'rule_id'>(
    q: FindingsQuery<O>,
    column: K,
    values: readonly string[] | undefined,
  ): FindingsQuery<O> => (values?.length ? q.where(column, 'in', values as never) : q);
  let q = query;
  if (f.status?.length) {
    for (const s of f.status) {
      if (!FINDING_STATUSES.includes(s)) throw new ApiError(400, 'invalid_parameter', `unknown status ${JSON.stringify(s)}; one of ${FINDING_STATUSES.join(', ')}`);
    }
    q = inList(q, 'status', f.status);
  }
  if (f.active === true) q = q.where('status', '!=', 'resolved');
  if (f.active === false) q = q.where('status', '=', 'resolved');
  q = inList(q, 'severity', f.severity);
  q = inList(q, 'provider', f.provider);
  q = inList(q, 'account', f.account);
  q = inList(q, 'region', f.region);
  q = inList(q, 'resource_type', f.resource_type);
  q = inList(q, 'rule_id', f.rule);
  if (f.resource) q = q.where('resource_id', '=', f.resource);
  if (f.target) q = q.where('target', '=', f.target);
  if (f.suppressed === true) q = q.where('suppressed_by', 'is not', null);
  if (f.suppressed === false) q = q.where('suppressed_by', 'is', null);
  if (f.framework) {
    const ids = rulesOfFramework(rules.values(), f.framework, f.control);
    // No rule of the framework: nothing matches (an empty IN list is not valid SQL).
    q = ids.length ? q.where('rule_id', 'in', ids) : q.where(sql<boolean>`1 = 0`);
  }
  if (f.q && f.q.trim()) {
    const text = f.q.trim().toLowerCase();
    const pattern = `%${escapeLike(text)}%`;
    const byTitle = [...rules.values()].filter((r) => r.title.toLowerCase().includes(text)).map((r) => r.id);
    q = q.where((eb: ExpressionBuilder<Database, 'findings'>) => {
      const like = (column: 'rule_id' | 'resource_id' | 'message' | 'account') =>
        eb(sql`lower(${sql.ref(column)})`, 'like', sql`${pattern} escape '\\'`);
      const terms = [like('rule_id'), like('resource_id'), like('message'), like('account')];
      if (byTitle.length) terms.push(eb('rule_id', 'in', byTitle));
      return eb.or(terms);
    });
  }
  return q;
}

/** Severity as a rank (critical 0 … info 4) so that sorting by it is by importance, not by name. */
const severityRank = sql<number>`case severity ${sql.join(
  SEVERITY_ORDER.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`),
  sql` `,
)} else ${sql.lit(SEVERITY_ORDER.length)} end`;

export function applySort<O>(query: FindingsQuery<O>, page: Pick<FindingPage, 'sort' | 'order'>): FindingsQuery<O> {
  // Severity ascending means most severe first, as a reader expects of "sort by severity".
  const q = page.sort === 'severity' ? query.orderBy(severityRank, page.order) : query.orderBy(page.sort, page.order);
  return q.orderBy('rule_id', 'asc').orderBy('resource_id', 'asc');
}

export async function findFindings(
  db: DB,
  filter: FindingFilter,
  page: FindingPage,
  rules: Map<string, RuleMetadata>,
): Promise<{ total: number; findings: FindingView[] }> {
  const base = applyFilter(db.selectFrom('findings'), filter, rules);
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  // Sort and page the keys alone (a narrow sort), then read the page's rows by primary key.
  const keys = await applySort(base.select(['rule_id', 'resource_id']), page).limit(page.limit).offset(page.offset).execute();
  if (keys.length === 0) return { total: num(count?.n ?? 0), findings: [] };
  const rows = await db
    .selectFrom('findings')
    .selectAll()
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('rule_id', '=', k.rule_id), eb('resource_id', '=', k.resource_id)]))))
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.rule_id}\u0000${r.resource_id}`, r]));
  const ordered = keys.map((k) => byKey.get(`${k.rule_id}\u0000${k.resource_id}`)).filter((r): r is FindingsTable => r !== undefined);
  return { total: num(count?.n ?? 0), findings: ordered.map((r) => toView(r, rules)) };
}

/** Every matching finding, in pages, for exports. */
export async function* allFindings(
  db: DB,
  filter: FindingFilter,
  page: Pick<FindingPage, 'sort' | 'order'>,
  rules: Map<string, RuleMetadata>,
  max: number,
): AsyncGenerator<FindingView> {
  const size = 1000;
  for (let offset = 0; offset < max; offset += size) {
    const rows = await applySort(applyFilter(db.selectFrom('findings'), filter, rules).selectAll(), page)
      .limit(Math.min(size, max - offset))
      .offset(offset)
      .execute();
    for (const r of rows) yield toView(r, rules);
    if (rows.length < size) return;
  }
}

/** Counts of the matching findings by severity, provider, account, service and rule, for the overview. */
export async function summarize(db: DB, filter: FindingFilter, rules: Map<string, RuleMetadata>) {
  const rows = await applyFilter(db.selectFrom('findings'), filter, rules)
    .select(['severity', 'provider', 'account', 'resource_type', 'rule_id', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['severity', 'provider', 'account', 'resource_type', 'rule_id'])
    .execute();
  const tally = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const bySeverity = new Map<string, number>();
  const byProvider = new Map<string, number>();
  const byAccount = new Map<string, number>();
  const byService = new Map<string, number>();
  const byRule = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const n = num(r.n);
    total += n;
    tally(bySeverity, r.severity, n);
    tally(byProvider, r.provider, n);
    tally(byAccount, `${r.provider}:${r.account}`, n);
    tally(byService, `${r.provider}:${serviceOf(r.resource_type)}`, n);
    tally(byRule, r.rule_id, n);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    total,
    by_severity: SEVERITY_ORDER.map((s) => ({ key: s, count: bySeverity.get(s) ?? 0 })),
    by_provider: sorted(byProvider).map(([key, count]) => ({ key, count })),
    by_account: sorted(byAccount).map(([key, count]) => {
      const [provider, ...rest] = key.split(':');
      return { key, provider: provider!, account: rest.join(':'), count };
    }),
    by_service: sorted(byService).map(([key, count]) => ({ key, count })),
    top_rules: sorted(byRule)
      .slice(0, 10)
      .map(([id, count]) => ({ rule_id: id, title: rules.get(id)?.title ?? id, severity: rules.get(id)?.severity ?? '', count })),
  };
}
