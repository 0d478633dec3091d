/**
 * The Fastify application of `parapet serve`. Plugins hold the state (auth,
 * metrics); route files under server/routes register one API family each, with
 * a JSON Schema on every route for validation, serialization and the OpenAPI
 * document at /openapi.json.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import { randomUUID } from 'node:crypto';
import auth, { type TokenVerifier } from './plugins/auth.js';
import metricsPlugin, { createMetrics, type ServerMetrics } from './plugins/metrics.js';
import { installErrorHandler } from './errors.js';
import { installJsonParser } from './json-limits.js';

export interface ServerLimits {
  /** Largest request body, bytes. */
  bodyBytes: number;
  /** Deepest JSON nesting accepted. */
  jsonDepth: number;
  /** Longest evaluation of one request, ms. */
  evalTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = { bodyBytes: 8 * 1024 * 1024, jsonDepth: 64, evalTimeoutMs: 5_000 };

export interface AppOptions {
  verifyToken: TokenVerifier;
  limits?: Partial<ServerLimits>;
  logger?: FastifyServerOptions['logger'];
  metrics?: ServerMetrics;
  /** Route families to register, each a Fastify plugin taking the app's shared state. */
  routes?: Array<(app: FastifyInstance) => Promise<void>>;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.bodyBytes,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 128) || randomUUID(),
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    // Drain in-flight requests on close; refuse new ones with 503 meanwhile.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.decorate('limits', limits);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  installErrorHandler(app);
  installJsonParser(app, limits.jsonDepth);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Parapet API', version: '1', description: 'OPA-compatible Data API, evaluate, bundles, decision logs, scans and findings.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(metricsPlugin, { metrics: options.metrics ?? createMetrics() });
  await app.register(auth, { verify: options.verifyToken });

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/metrics',
    { config: { scope: 'admin' }, schema: { hide: true } },
    async (_request, reply) => {
      void reply.header('content-type', app.metrics.registry.contentType);
      return app.metrics.registry.metrics();
    },
  );
  for (const routes of options.routes ?? []) await app.register(routes);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    limits: ServerLimits;
  }
}
