/**
 * `GET /health` (public), in the manner of OPA's: 200 while the process serves.
 * With `?bundles` (or `?ready`) it is 200 only when every bundle the registry marks
 * active is loaded, else 503. The body always says which bundles serve and which
 * failed to load, and why.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

interface HealthQuery {
  bundles?: string;
  ready?: string;
  plugins?: string;
}

export function healthRoutes(ctx: ServerContext) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.addSchema(healthSchema);
    app.get<{ Querystring: HealthQuery }>(
      '/health',
      {
        config: { public: true },
        schema: {
          tags: ['operations'],
          summary: 'Liveness; with ?bundles or ?ready, readiness (every active bundle loaded)',
          querystring: { type: 'object', properties: { bundles: { type: 'string' }, ready: { type: 'string' }, plugins: { type: 'string' } } },
          response: {
            '2xx': { $ref: 'parapet-health#' },
            '5xx': { $ref: 'parapet-health#' },
          },
        },
      },
      async (request, reply) => {
        const ready = ctx.registry.ready;
        const body = {
          status: ready ? 'ok' : 'not_ready',
          live: true,
          ready,
          version: ctx.version,
          bundles: {
            active: ctx.registry.active().map((b) => ({ name: b.name, version: b.version, revision: b.revision, digest: b.digest, activated_at: b.activatedAt })),
            failed: ctx.registry.failures(),
          },
        };
        const wantsReady = request.query.bundles !== undefined || request.query.ready !== undefined || request.query.plugins !== undefined;
        return reply.status(wantsReady && !ready ? 503 : 200).send(body);
      },
    );
  };
}

export const healthSchema = {
  $id: 'parapet-health',
  type: 'object',
  properties: {
    status: { type: 'string' },
    live: { type: 'boolean' },
    ready: { type: 'boolean' },
    version: { type: 'string' },
    bundles: {
      type: 'object',
      properties: {
        active: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, version: { type: 'string' }, revision: { type: 'string' }, digest: { type: 'string' }, activated_at: { type: 'string' } },
          },
        },
        failed: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, version: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, at: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
