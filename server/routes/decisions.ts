/**
 * Decision logs (logs:read): `GET /v1/decisions?since&until&path&limit` (newest
 * first, paged with `before`) and `GET /v1/decisions/{id}`. Buffered entries are
 * flushed first, so a decision is readable as soon as it was answered.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { ApiError, errorSchema } from '../errors.js';

const decisionSchema = {
  type: 'object',
  properties: {
    decision_id: { type: 'string' },
    path: { type: 'string' },
    input: {},
    result: {},
    revisions: { type: 'object', additionalProperties: { type: 'string' } },
    timestamp: { type: 'string' },
    latency_us: { type: 'integer' },
    error: { type: 'string' },
  },
} as const;

const errors = { '4xx': errorSchema, '5xx': errorSchema } as const;

interface ListQuery {
  since?: string;
  until?: string;
  path?: string;
  limit?: number;
  before?: string;
}

function timestamp(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ApiError(400, 'invalid_parameter', `${name} must be an RFC 3339 timestamp (got ${JSON.stringify(value)})`);
  return new Date(ms).toISOString();
}

export function decisionRoutes(ctx: ServerContext) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: ListQuery }>(
      '/v1/decisions',
      {
        config: { scope: 'logs:read' },
        schema: {
          tags: ['decisions'],
          summary: 'Query decision logs by time range and path, newest first',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              since: { type: 'string', description: 'RFC 3339; decisions at or after it' },
              until: { type: 'string', description: 'RFC 3339; decisions before it' },
              path: { type: 'string', description: 'the Data API path (or "evaluate")' },
              limit: { type: 'integer', minimum: 1, maximum: 10000, default: 100 },
              before: { type: 'string', description: 'the `next` cursor of the previous page' },
            },
          },
          response: {
            200: { type: 'object', properties: { decisions: { type: 'array', items: decisionSchema }, next: { type: 'string' } } },
            ...errors,
          },
        },
      },
      async (request) => {
        const q = request.query;
        let before: { timestamp: string; decision_id: string } | undefined;
        if (q.before) {
          const [ts, id] = Buffer.from(q.before, 'base64url').toString('utf8').split('|');
          if (!ts || !id) throw new ApiError(400, 'invalid_parameter', 'before is not a cursor this server returned');
          before = { timestamp: ts, decision_id: id };
        }
        await ctx.decisions.flush();
        const limit = q.limit ?? 100;
        const decisions = await ctx.store.decisions.query({
          from: timestamp('since', q.since),
          to: timestamp('until', q.until),
          path: q.path,
          limit,
          before,
        });
        const last = decisions.at(-1);
        const next = decisions.length === limit && last ? Buffer.from(`${last.timestamp}|${last.decision_id}`).toString('base64url') : undefined;
        return { decisions, ...(next ? { next } : {}) };
      },
    );

    app.get<{ Params: { id: string } }>(
      '/v1/decisions/:id',
      {
        config: { scope: 'logs:read' },
        schema: {
          tags: ['decisions'],
          summary: 'One decision by its decision_id',
          params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
          response: { 200: decisionSchema, ...errors },
        },
      },
      async (request) => {
        await ctx.decisions.flush();
        return ctx.store.decisions.get(request.params.id);
      },
    );
  };
}
