/** GET /v1/scores: a scan's posture scores per account, cloud and framework, and the overall trend across scans. */
import type { FastifyInstance } from 'fastify';
import type { ScoreDimension } from '../../../store/scores.js';
import type { ServerContext } from '../../context.js';
import { errors, scanOrLatest, scanQuery, scanSchema } from './shared.js';

const scoreSchema = {
  type: 'object',
  properties: { key: { type: 'string' }, score: { type: ['number', 'null'] }, passed: { type: 'integer' }, failed: { type: 'integer' } },
} as const;

const pointSchema = {
  type: 'object',
  properties: { scan_id: { type: 'integer' }, finished_at: { type: 'string' }, target: { type: 'string' }, score: { type: ['number', 'null'] }, passed: { type: 'integer' }, failed: { type: 'integer' } },
} as const;

export function scoreRoutes(ctx: ServerContext) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { scan?: number; dimension?: ScoreDimension; key?: string; limit?: number } }>(
      '/v1/scores',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['scores'],
          summary: 'Posture scores of a scan (overall, per cloud, account and framework) and the trend of one score across scans (default overall)',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              ...scanQuery,
              dimension: { type: 'string', enum: ['overall', 'provider', 'account', 'framework'], default: 'overall' },
              key: { type: 'string', maxLength: 256, default: 'all', description: 'the trend’s key: all, a provider, <provider>:<account>, a framework id' },
              limit: { type: 'integer', minimum: 1, maximum: 365, default: 30 },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                scan: scanSchema,
                overall: { ...scoreSchema, type: ['object', 'null'] },
                providers: { type: 'array', items: scoreSchema },
                accounts: { type: 'array', items: scoreSchema },
                frameworks: { type: 'array', items: scoreSchema },
                trend: { type: 'object', properties: { dimension: { type: 'string' }, key: { type: 'string' }, points: { type: 'array', items: pointSchema } } },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => {
        const { dimension = 'overall', key = 'all', limit = 30 } = request.query;
        const scan = await scanOrLatest(ctx, request.query.scan);
        const rows = await ctx.store.scores.forScan(scan.id);
        const of = (d: ScoreDimension) => rows.filter((r) => r.dimension === d).map(({ key: k, score, passed, failed }) => ({ key: k, score, passed, failed }));
        const points = await ctx.store.scores.trend({ dimension, key, target: scan.target, limit });
        return {
          scan,
          overall: of('overall')[0] ?? null,
          providers: of('provider'),
          accounts: of('account'),
          frameworks: of('framework'),
          trend: { dimension, key, points },
        };
      },
    );
  };
}
