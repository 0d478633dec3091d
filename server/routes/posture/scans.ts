/**
 * Scans: list, one scan, what changed between two scans, and an on-demand scan
 * of a configured target (202 with the scan id; 409 while that target scans).
 */
import type { FastifyInstance } from 'fastify';
import { isParapetError, errorMessage } from '../../../common/errors.js';
import { runScan } from '../../../posture/scan.js';
import type { ScanRecord } from '../../../store/scans.js';
import type { ServerContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { toView } from './finding-query.js';
import { errors, findingSchema, scanSchema, type BundleMetadata } from './shared.js';

/** What a configured target scans (the shape of a schedule's spec): native exports to import, or an inventory file, with a bundle. */
export interface ScanTarget {
  imports?: string[];
  inventory?: string;
  /** A bundle archive (.tar.gz) or a definition name under bundles/. */
  bundle: string;
  /** PEM public key the bundle must be signed with. */
  publicKey?: string;
}

function describeScan(s: ScanRecord) {
  const { pid: _pid, host: _host, heartbeat_at: _beat, ...rest } = s;
  return rest;
}

export function scanRoutes(ctx: ServerContext, meta: BundleMetadata, targets: Readonly<Record<string, ScanTarget>>) {
  const running = new Set<Promise<unknown>>();
  /** A target of the server's options, else one with a schedule in the store. */
  const targetSpec = async (name: string): Promise<ScanTarget | undefined> =>
    Object.hasOwn(targets, name) ? targets[name] : (await ctx.store.schedules.get(name).catch(() => undefined))?.spec;
  const targetNames = async () => [...new Set([...Object.keys(targets), ...(await ctx.store.schedules.list()).map((s) => s.target)])].sort();
  return async function routes(app: FastifyInstance): Promise<void> {
    // Let on-demand scans finish before the store closes.
    app.addHook('onClose', async () => {
      await Promise.allSettled([...running]);
    });

    app.get<{ Querystring: { target?: string; limit?: number; before?: number; finished?: string } }>(
      '/v1/scans',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['scans'],
          summary: 'Scans, newest first',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              target: { type: 'string', maxLength: 256 },
              limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
              before: { type: 'integer', minimum: 1, description: 'only scans with a smaller id (paging)' },
              finished: { type: 'string', enum: ['true', 'false'] },
            },
          },
          response: {
            200: { type: 'object', properties: { scans: { type: 'array', items: scanSchema }, targets: { type: 'array', items: { type: 'string' } } } },
            ...errors,
          },
        },
      },
      async (request) => {
        const { target, limit, before, finished } = request.query;
        const scans = await ctx.store.scans.list({ target, limit, before, finished: finished === 'true' });
        return { scans: scans.map(describeScan), targets: await targetNames() };
      },
    );

    app.get<{ Params: { id: number } }>(
      '/v1/scans/:id',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['scans'],
          summary: 'One scan: sources, bundle, counts and duration',
          params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
          response: { 200: scanSchema, ...errors },
        },
      },
      async (request) => describeScan(await ctx.store.scans.get(request.params.id)),
    );

    app.get<{ Params: { id: number }; Querystring: { from?: number; limit?: number } }>(
      '/v1/scans/:id/diff',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['scans'],
          summary: 'New, resolved and reopened findings of a scan against the previous scan of its target (or ?from=)',
          params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              from: { type: 'integer', minimum: 1 },
              limit: { type: 'integer', minimum: 0, maximum: 100000, default: 1000, description: 'findings listed per change (the counts are always whole)' },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                from: { type: ['integer', 'null'] },
                to: { type: 'integer' },
                counts: { type: 'object', properties: { new: { type: 'integer' }, resolved: { type: 'integer' }, reopened: { type: 'integer' } } },
                new: { type: 'array', items: findingSchema },
                resolved: { type: 'array', items: findingSchema },
                reopened: { type: 'array', items: findingSchema },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => {
        const { id } = request.params;
        const { from, limit = 1000 } = request.query;
        const scan = await ctx.store.scans.get(id);
        if (scan.status !== 'succeeded' && scan.status !== 'partial') {
          throw new ApiError(409, 'scan_not_finished', `scan ${id} is ${scan.status}: only a finished scan has a diff`);
        }
        const diff = await ctx.store.findings.diff({ to: id, ...(from !== undefined ? { from } : {}) });
        const rules = new Map(((await meta.forScan(scan))?.rules ?? []).map((r) => [r.id, r]));
        const view = (entries: typeof diff.new) =>
          entries.slice(0, limit).map((e) => ({ ...toView({ ...e, evidence: JSON.stringify(e.evidence) }, rules), change: e.change }));
        return {
          from: diff.from,
          to: diff.to,
          counts: { new: diff.new.length, resolved: diff.resolved.length, reopened: diff.reopened.length },
          new: view(diff.new),
          resolved: view(diff.resolved),
          reopened: view(diff.reopened),
        };
      },
    );

    app.post<{ Body: { target: string } }>(
      '/v1/scans',
      {
        config: { scope: 'scans:write' },
        schema: {
          tags: ['scans'],
          summary: 'Scan a configured target now: 202 with the scan id; 409 while a scan of the target runs',
          body: { type: 'object', required: ['target'], additionalProperties: false, properties: { target: { type: 'string', minLength: 1, maxLength: 256 } } },
          response: { 202: { type: 'object', properties: { scan: scanSchema } }, ...errors },
        },
      },
      async (request, reply) => {
        const { target } = request.body;
        const spec = await targetSpec(target);
        if (!spec) {
          const known = await targetNames();
          throw new ApiError(404, 'target_not_found', `no configured scan target ${JSON.stringify(target)}${known.length ? `; configured: ${known.join(', ')}` : ': none is configured'}`);
        }
        const started = new Promise<ScanRecord>((resolveStarted, rejectStarted) => {
          const scan = runScan({
            store: ctx.store,
            target,
            trigger: `api:${request.principal?.name ?? 'unknown'}`,
            bundle: spec.bundle,
            ...(spec.imports ? { imports: spec.imports } : { inventory: spec.inventory }),
            ...(spec.publicKey ? { publicKey: spec.publicKey } : {}),
            onStarted: resolveStarted,
          }).then(
            (outcome) => {
              meta.remember(outcome.bundle.digest, outcome.bundle.parapet);
              app.log.info({ scan: outcome.scan.id, target, status: outcome.scan.status }, 'on-demand scan finished');
            },
            (err: unknown) => {
              rejectStarted(err);
              app.log.error({ target, code: isParapetError(err) ? err.code : undefined }, `on-demand scan of ${target} failed: ${errorMessage(err)}`);
            },
          );
          running.add(scan);
          void scan.finally(() => running.delete(scan));
        });
        let scan: ScanRecord;
        try {
          scan = await started;
        } catch (err) {
          if (isParapetError(err, 'scan_locked')) throw new ApiError(409, 'scan_running', err.message);
          throw err;
        }
        return reply.status(202).header('location', `/v1/scans/${scan.id}`).send({ scan: describeScan(scan) });
      },
    );
  };
}
