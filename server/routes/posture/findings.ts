/**
 * GET /v1/findings: the findings with a filter on every field, search, sort and
 * pagination (with the total), or `?format=csv` for every matching finding as
 * the CSV export; GET /v1/findings/summary: counts for the overview.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { FindingStatus } from '../../../engine/findings/lifecycle.js';
import type { Severity } from '../../../engine/bundle/types.js';
import { writeCsv } from '../../../reports/csv.js';
import type { ReportFinding } from '../../../reports/types.js';
import type { Provider } from '../../../collectors/schema/inventory.js';
import type { ExceptionRecord } from '../../../store/exceptions.js';
import type { ServerContext } from '../../context.js';
import { queryFlag } from '../../context.js';
import { allFindings, findFindings, SORT_FIELDS, summarize, type FindingFilter, type FindingView, type SortField } from './finding-query.js';
import { errors, findingSchema, list, type BundleMetadata } from './shared.js';

/** The most rows one CSV export holds. */
export const CSV_MAX_ROWS = 200_000;

const stringList = { type: 'array', items: { type: 'string', maxLength: 2048 } } as const;

const filterProperties = {
  status: { ...stringList, description: 'new, open, reopened, resolved (comma-separated or repeated)' },
  active: { type: 'string', enum: ['true', 'false', '1', '0'], description: 'true: new, open and reopened; false: resolved' },
  severity: stringList,
  provider: stringList,
  account: stringList,
  region: stringList,
  resource_type: stringList,
  rule: stringList,
  resource: { type: 'string', maxLength: 2048 },
  target: { type: 'string', maxLength: 256 },
  framework: { type: 'string', maxLength: 128 },
  control: { type: 'string', maxLength: 128 },
  suppressed: { type: 'string', enum: ['true', 'false', '1', '0'] },
  q: { type: 'string', maxLength: 256, description: 'text in the rule id or title, resource id, message or account' },
} as const;

export interface FilterQuery {
  status?: string[];
  active?: string;
  severity?: string[];
  provider?: string[];
  account?: string[];
  region?: string[];
  resource_type?: string[];
  rule?: string[];
  resource?: string;
  target?: string;
  framework?: string;
  control?: string;
  suppressed?: string;
  q?: string;
}

export function toFilter(query: FilterQuery): FindingFilter {
  return {
    status: list(query.status) as FindingStatus[] | undefined,
    active: query.active === undefined ? undefined : queryFlag(query.active),
    severity: list(query.severity),
    provider: list(query.provider),
    account: list(query.account),
    region: list(query.region),
    resource_type: list(query.resource_type),
    rule: list(query.rule),
    resource: query.resource,
    target: query.target,
    framework: query.framework,
    control: query.control,
    suppressed: query.suppressed === undefined ? undefined : queryFlag(query.suppressed),
    q: query.q,
  };
}

function toReportFinding(f: FindingView, exceptions: Map<string, ExceptionRecord>): ReportFinding {
  const exception = f.suppressed_by ? exceptions.get(f.suppressed_by) : undefined;
  return {
    rule_id: f.rule_id,
    resource_id: f.resource_id,
    resource_type: f.resource_type,
    provider: f.provider as Provider,
    account: f.account,
    region: f.region,
    severity: f.severity as Severity,
    status: f.status === 'resolved' ? 'PASS' : 'FAIL',
    lifecycle: f.status,
    ...(f.message ? { message: f.message } : {}),
    first_seen: f.first_seen,
    last_seen: f.last_seen,
    ...(f.suppressed_by
      ? { suppressed: { exception_id: f.suppressed_by, owner: exception?.owner ?? '', reason: exception?.reason ?? '', expires_at: exception?.expires_at ?? '' } }
      : {}),
  };
}

export function findingRoutes(ctx: ServerContext, meta: BundleMetadata) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: FilterQuery & { sort?: SortField; order?: 'asc' | 'desc'; limit?: number; offset?: number; format?: 'json' | 'csv' } }>(
      '/v1/findings',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['findings'],
          summary: 'Findings: filter by any field, search, sort, paginate; ?format=csv exports every matching finding',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              ...filterProperties,
              sort: { type: 'string', enum: [...SORT_FIELDS], default: 'severity' },
              order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
              limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
              offset: { type: 'integer', minimum: 0, default: 0 },
              format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                total: { type: 'integer' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                findings: { type: 'array', items: findingSchema },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const { sort = 'severity', order = 'asc', limit = 50, offset = 0, format = 'json', ...rest } = request.query;
        const filter = toFilter(rest);
        const rules = await meta.latestRules();
        if (format === 'csv') {
          const out = new PassThrough();
          const context = { generated_at: new Date().toISOString(), bundle: { name: '', version: '' }, rules: [...rules.values()], frameworks: [] };
          const exceptions = new Map((await ctx.store.exceptions.list()).map((e) => [e.id, e]));
          const rows = (async function* () {
            for await (const f of allFindings(ctx.store.db, filter, { sort, order }, rules, CSV_MAX_ROWS)) yield toReportFinding(f, exceptions);
          })();
          writeCsv(context, rows, out).then(
            () => out.end(),
            (err: unknown) => out.destroy(err as Error),
          );
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="parapet-findings.csv"')
            .send(out);
        }
        const { total, findings } = await findFindings(ctx.store.db, filter, { sort, order, limit, offset }, rules);
        return { total, limit, offset, findings };
      },
    );

    const countList = { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, provider: { type: 'string' }, account: { type: 'string' }, count: { type: 'integer' } } } } as const;
    app.get<{ Querystring: FilterQuery }>(
      '/v1/findings/summary',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['findings'],
          summary: 'Counts of the matching findings by severity, cloud, account and service, and the top failing rules',
          querystring: { type: 'object', additionalProperties: false, properties: filterProperties },
          response: {
            200: {
              type: 'object',
              properties: {
                total: { type: 'integer' },
                by_severity: countList,
                by_provider: countList,
                by_account: countList,
                by_service: countList,
                top_rules: {
                  type: 'array',
                  items: { type: 'object', properties: { rule_id: { type: 'string' }, title: { type: 'string' }, severity: { type: 'string' }, count: { type: 'integer' } } },
                },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => summarize(ctx.store.db, toFilter(request.query), await meta.latestRules()),
    );
  };
}
