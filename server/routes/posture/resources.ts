/**
 * GET /v1/resources/{id}: a resource's configuration from a scan's snapshot
 * (the latest finished scan that saw it, or ?scan=), the rules evaluated on it
 * in that scan, and all its findings with the rules' remediation.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { toView } from './finding-query.js';
import { anyObject, errors, findingSchema, ruleSchema, scanQuery, type BundleMetadata } from './shared.js';

export function resourceRoutes(ctx: ServerContext, meta: BundleMetadata) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { '*': string }; Querystring: { scan?: number } }>(
      '/v1/resources/*',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['resources'],
          summary: 'A resource (its id URL-encoded): configuration from the scan snapshot, outcomes, and all its findings with remediation',
          querystring: { type: 'object', additionalProperties: false, properties: scanQuery },
          response: {
            200: {
              type: 'object',
              properties: {
                scan_id: { type: ['integer', 'null'] },
                resource: {
                  type: ['object', 'null'],
                  properties: {
                    id: { type: 'string' },
                    provider: { type: 'string' },
                    type: { type: 'string' },
                    account: { type: 'string' },
                    region: { type: 'string' },
                    name: { type: 'string' },
                    tags: { type: 'object', additionalProperties: { type: 'string' } },
                    config: anyObject,
                  },
                },
                outcomes: {
                  type: 'array',
                  items: { type: 'object', properties: { rule_id: { type: 'string' }, title: { type: 'string' }, status: { type: 'string' }, severity: { type: 'string' }, message: { type: ['string', 'null'] } } },
                },
                findings: { type: 'array', items: { type: 'object', properties: { ...findingSchema.properties, rule: ruleSchema } } },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => {
        const id = request.params['*'];
        if (!id) throw new ApiError(400, 'invalid_parameter', 'name a resource: /v1/resources/<URL-encoded resource id>');
        const db = ctx.store.db;
        let scanId = request.query.scan;
        if (scanId === undefined) {
          // The latest finished scan usually holds it (a primary-key lookup); else the newest one that does.
          const [latest] = await ctx.store.scans.list({ finished: true, limit: 1 });
          if (latest && (await ctx.store.scans.resource(latest.id, id))) scanId = latest.id;
        }
        if (scanId === undefined) {
          const row = await db
            .selectFrom('scan_resources as r')
            .innerJoin('scans as s', 's.id', 'r.scan_id')
            .select('r.scan_id')
            .where('r.resource_id', '=', id)
            .where('s.status', 'in', ['succeeded', 'partial'])
            .orderBy('r.scan_id', 'desc')
            .limit(1)
            .executeTakeFirst();
          if (row) scanId = Number(row.scan_id);
        }
        const findings = await db.selectFrom('findings').selectAll().where('resource_id', '=', id).orderBy('rule_id').execute();
        if (scanId === undefined) {
          // Not a resource of any snapshot, but findings name it (an account-scope rule naming the root user, say).
          if (findings.length === 0) throw new ApiError(404, 'resource_not_found', `no finished scan saw resource ${JSON.stringify(id)} and no finding names it`);
          const rules = await meta.latestRules();
          return { scan_id: null, resource: null, outcomes: [], findings: findings.map((f) => ({ ...toView(f, rules), ...(rules.has(f.rule_id) ? { rule: rules.get(f.rule_id) } : {}) })) };
        }
        const scan = await ctx.store.scans.get(scanId);
        const resource = await ctx.store.scans.resource(scan.id, id);
        if (!resource) throw new ApiError(404, 'resource_not_found', `scan ${scan.id} has no resource ${JSON.stringify(id)}`);
        const rules = new Map(((await meta.forScan(scan))?.rules ?? []).map((r) => [r.id, r]));
        const outcomes = await db
          .selectFrom('scan_results')
          .select(['rule_id', 'status', 'severity', 'message'])
          .where('scan_id', '=', scan.id)
          .where('resource_id', '=', id)
          .orderBy('rule_id')
          .execute();
        return {
          scan_id: scan.id,
          resource,
          outcomes: outcomes.map((o) => ({ ...o, title: rules.get(o.rule_id)?.title ?? o.rule_id })),
          findings: findings.map((f) => ({ ...toView(f, rules), ...(rules.has(f.rule_id) ? { rule: rules.get(f.rule_id) } : {}) })),
        };
      },
    );
  };
}
