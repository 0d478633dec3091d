/**
 * Prometheus metrics, one registry per server instance (so tests can run
 * several servers in one process): request latency, decisions, evaluation
 * errors, bundle activations. Served at GET /metrics.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServerMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  decisions: Counter<'path' | 'outcome'>;
  evaluationErrors: Counter<'kind'>;
  bundleActivations: Counter<'bundle' | 'result'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ServerMetrics;
  }
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parapet_' });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'parapet_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'parapet_decisions_total',
      help: 'Decisions answered, by Data API path (or "evaluate") and outcome',
      labelNames: ['path', 'outcome'],
      registers: [registry],
    }),
    evaluationErrors: new Counter({
      name: 'parapet_evaluation_errors_total',
      help: 'Evaluations that failed (timeout, wasm error, worker crash)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    bundleActivations: new Counter({
      name: 'parapet_bundle_activations_total',
      help: 'Bundle activations by bundle name and result (ok, failed)',
      labelNames: ['bundle', 'result'],
      registers: [registry],
    }),
  };
}

export default fp(
  async (app: FastifyInstance, opts: { metrics: ServerMetrics }) => {
    app.decorate('metrics', opts.metrics);
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      opts.metrics.requestDuration
        .labels(request.method, route, String(reply.statusCode))
        .observe(reply.elapsedTime / 1000);
    });
  },
  { name: 'parapet-metrics' },
);
