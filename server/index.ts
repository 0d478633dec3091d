/**
 * `createServer()`: the decision service assembled — the store, the registry of
 * active bundles over one worker pool, the buffered decision logger, and the route
 * families registered through buildApp. `close()` drains in-flight requests
 * (long polls are released), flushes the decision logs, then stops the pool and
 * the store.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { PoolOptions } from '../engine/eval/pool.js';
import { errorMessage, isParapetError } from '../common/errors.js';
import { Scheduler } from '../posture/scheduler.js';
import { openStore, type Store } from '../store/index.js';
import { buildApp, DEFAULT_LIMITS, type ServerLimits } from './app.js';
import type { ServerContext } from './context.js';
import { DecisionLogger, type DecisionLogOptions } from './decision-log.js';
import type { Principal } from './plugins/auth.js';
import { BundleRegistry } from './registry.js';
import { bundleRoutes } from './routes/bundles.js';
import { dataRoutes } from './routes/data.js';
import { decisionRoutes } from './routes/decisions.js';
import { evaluateRoutes } from './routes/evaluate.js';
import { healthRoutes } from './routes/health.js';
import { postureRoutes, type PostureOptions } from './routes/posture/index.js';
import { webRoutes } from './routes/web.js';

export const PARAPET_VERSION = '0.1.0';

export interface ServerOptions {
  /** An open store, or where to open one (`--db`). */
  store?: Store;
  db?: string;
  /** PEM public keys bundles must be signed with. */
  verificationKeys?: readonly string[];
  /** Accept unsigned bundles. */
  dev?: boolean;
  /** Input paths masked in decision logs (`/input/password`). */
  decisionLogMask?: readonly string[];
  decisionLog?: DecisionLogOptions;
  limits?: Partial<ServerLimits>;
  pool?: PoolOptions;
  logger?: FastifyServerOptions['logger'];
  /** How long a verified token is trusted before it is looked up again (ms); 0 looks up every request. */
  tokenCacheMs?: number;
  /** The posture API's settings: the targets POST /v1/scans may scan. */
  posture?: PostureOptions;
  /** Run the stored scan schedules (posture/scheduler.ts) while the server runs. */
  scheduler?: boolean;
  /** More route families sharing the context. */
  routes?: Array<(ctx: ServerContext) => (app: FastifyInstance) => Promise<void>>;
}

export interface ParapetServer {
  app: FastifyInstance;
  context: ServerContext;
  close(): Promise<void>;
}

/** Pino options: request ids on every line, credentials never. */
export function loggerOptions(level = 'info'): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.token', 'token'], censor: '[redacted]' },
  };
}

export async function createServer(options: ServerOptions = {}): Promise<ParapetServer> {
  const ownsStore = !options.store;
  const store = options.store ?? (await openStore({ location: options.db, decisionMaskPaths: options.decisionLogMask }));
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let app: FastifyInstance | undefined;
  const registry = new BundleRegistry({
    store,
    verificationKeys: options.verificationKeys,
    dev: options.dev,
    pool: { batchTimeoutMs: limits.evalTimeoutMs, itemTimeoutMs: limits.evalTimeoutMs, ...options.pool },
    onActivation: (name, result) => app?.metrics.bundleActivations.labels(name, result).inc(),
  });
  const mask = options.decisionLogMask;
  const decisions = new DecisionLogger(
    {
      record: (logs) => store.decisions.record(logs, mask ? { mask } : {}),
      prune: (o) => store.decisions.prune(o),
    },
    { ...options.decisionLog, onError: (err, what) => app?.log.error({ err }, `decision log: ${what} failed`) },
  );
  const context: ServerContext = { store, registry, decisions, version: PARAPET_VERSION };
  try {
    await registry.start();
    app = await buildApp({
      verifyToken: tokenVerifier(store, options.tokenCacheMs ?? 5_000),
      limits,
      logger: options.logger,
      routes: [healthRoutes, dataRoutes, evaluateRoutes, bundleRoutes, decisionRoutes, postureRoutes(options.posture), webRoutes, ...(options.routes ?? [])].map((r) => r(context)),
    });
  } catch (err) {
    await decisions.close();
    await registry.close();
    if (ownsStore) await store.close();
    throw err;
  }
  const scheduler = options.scheduler ? await startScheduler(store, app) : undefined;
  for (const failure of registry.failures()) app.log.error({ bundle: failure.name, version: failure.version, code: failure.code }, failure.message);
  const server = app;
  // Long polls would hold the drain for their whole wait: answer them (304) first.
  server.addHook('preClose', async () => registry.release());
  let closing: Promise<void> | undefined;
  return {
    app: server,
    context,
    close: () =>
      (closing ??= (async () => {
        await server.close();
        await scheduler?.stop();
        await decisions.close();
        await registry.close();
        if (ownsStore) await store.close();
      })()),
  };
}

async function startScheduler(store: Store, app: FastifyInstance): Promise<Scheduler> {
  const scheduler = new Scheduler(store, {
    onScan: (s, scan) => app.log.info({ target: s.target, scan: scan.id, status: scan.status }, 'scheduled scan finished'),
    onSkip: (s, reason) => app.log.warn({ target: s.target }, `scheduled scan skipped: ${reason}`),
    onError: (s, err) => app.log.error({ target: s.target, code: isParapetError(err) ? err.code : undefined }, `scheduled scan failed: ${errorMessage(err)}`),
  });
  await scheduler.start();
  const next = scheduler.nextRuns();
  if (Object.keys(next).length) app.log.info({ next }, 'scan schedules started');
  return scheduler;
}

/** Token lookups by hash, cached briefly so that auth does not cost a query per request. */
function tokenVerifier(store: Store, cacheMs: number) {
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  return async (token: string): Promise<Principal | null> => {
    const key = createHash('sha256').update(token).digest('hex');
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.principal;
    const info = await store.tokens.verify(token);
    const principal = info ? { tokenId: info.id, name: info.name, scopes: info.scopes } : null;
    if (cacheMs > 0) {
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { principal, until: now + cacheMs });
    }
    return principal;
  };
}
