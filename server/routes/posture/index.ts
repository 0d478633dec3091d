/**
 * The posture API (scans, findings, compliance, resources, scores, exceptions,
 * reports) and GET /v1/me, registered as one route family sharing the bundle
 * metadata and compliance caches.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.js';
import { SCOPES } from '../../plugins/auth.js';
import { ComplianceCache, complianceRoutes } from './compliance.js';
import { exceptionRoutes } from './exceptions.js';
import { findingRoutes } from './findings.js';
import { reportRoutes } from './reports.js';
import { resourceRoutes } from './resources.js';
import { scanRoutes, type ScanTarget } from './scans.js';
import { scoreRoutes } from './scores.js';
import { BundleMetadata, errors } from './shared.js';

export type { ScanTarget };

export interface PostureOptions {
  /** Targets `POST /v1/scans` can scan, by name. */
  targets?: Readonly<Record<string, ScanTarget>>;
}

function meRoutes() {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get(
      '/v1/me',
      {
        // Any valid token may ask who it is: the lowest scope check is "a known token".
        config: { anyToken: true },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in token: its name and scopes (admin implies every scope)',
          response: {
            200: { type: 'object', properties: { name: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } }, effective: { type: 'array', items: { type: 'string' } } } },
            ...errors,
          },
        },
      },
      async (request) => {
        const principal = request.principal!;
        const effective = principal.scopes.includes('admin') ? [...SCOPES] : principal.scopes;
        return { name: principal.name, scopes: principal.scopes, effective };
      },
    );
  };
}

export function postureRoutes(options: PostureOptions = {}) {
  return (ctx: ServerContext) =>
    async function routes(app: FastifyInstance): Promise<void> {
      const meta = new BundleMetadata(ctx);
      const rollups = new ComplianceCache(ctx, meta);
      await app.register(meRoutes());
      await app.register(scanRoutes(ctx, meta, options.targets ?? {}));
      await app.register(findingRoutes(ctx, meta));
      await app.register(complianceRoutes(ctx, rollups));
      await app.register(resourceRoutes(ctx, meta));
      await app.register(scoreRoutes(ctx));
      await app.register(exceptionRoutes(ctx));
      await app.register(reportRoutes(ctx, rollups));
    };
}
