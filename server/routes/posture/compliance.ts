/**
 * Compliance of a scan per framework and control, from the scan's outcomes and
 * the bundle's framework catalogs (the engine's own roll-up), with each
 * control's rules and failing resources for the drill-down.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ParapetMetadata } from '../../../engine/bundle/types.js';
import { Rollup, type RollupResult } from '../../../engine/findings/rollup.js';
import type { FrameworkSummary, Status } from '../../../engine/findings/types.js';
import { num } from '../../../store/db.js';
import type { ScanRecord } from '../../../store/scans.js';
import type { ServerContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { errors, ruleSchema, scanQuery, scanOrLatest, scanSchema, type BundleMetadata } from './shared.js';

/** Failing resources listed per control in the framework view (the control view lists them all). */
const RESOURCES_PER_CONTROL = 10;

const countsSchema = {
  type: 'object',
  properties: Object.fromEntries(['passed', 'failed', 'error', 'not_covered', 'manual', 'no_resources'].map((k) => [k, { type: 'integer' }])),
} as const;

const frameworkSummarySchema = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, version: { type: 'string' }, score: { type: ['number', 'null'] }, counts: countsSchema, controls: { type: 'integer' } },
} as const;

const failingSchema = {
  type: 'object',
  properties: {
    rule_id: { type: 'string' },
    resource_id: { type: 'string' },
    resource_type: { type: 'string' },
    provider: { type: 'string' },
    account: { type: 'string' },
    region: { type: 'string' },
    message: { type: ['string', 'null'] },
    suppressed_by: { type: ['string', 'null'] },
  },
} as const;

const ruleCountsSchema = {
  type: 'object',
  properties: { ...ruleSchema.properties, pass: { type: 'integer' }, fail: { type: 'integer' }, error: { type: 'integer' } },
} as const;

const controlSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    section: { type: 'string' },
    automated: { type: 'boolean' },
    needs_data: { type: 'string' },
    status: { type: 'string' },
    pass: { type: 'integer' },
    fail: { type: 'integer' },
    error: { type: 'integer' },
    rules: { type: 'array', items: ruleCountsSchema },
    failing_resources: { type: 'array', items: failingSchema },
  },
} as const;

export interface Computed {
  meta: ParapetMetadata;
  rollup: RollupResult;
  byRule: Map<string, Record<Status, number>>;
}

/** The compliance roll-up of scans, kept per finished scan (its outcomes never change). */
export class ComplianceCache {
  private readonly cache = new Map<number, Computed>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly bundleMeta: BundleMetadata,
  ) {}

  async compute(scan: ScanRecord): Promise<Computed> {
    const hit = this.cache.get(scan.id);
    if (hit) return hit;
    const meta = await this.bundleMeta.require(scan);
    const rows = await this.ctx.store.db
      .selectFrom('scan_results')
      .select(['rule_id', 'status', 'severity', (eb) => eb.fn.countAll().as('n')])
      .where('scan_id', '=', scan.id)
      .groupBy(['rule_id', 'status', 'severity'])
      .execute();
    const rollup = new Rollup();
    const byRule = new Map<string, Record<Status, number>>();
    for (const r of rows) {
      const n = num(r.n);
      const counts = byRule.get(r.rule_id) ?? { PASS: 0, FAIL: 0, ERROR: 0 };
      counts[r.status] += n;
      byRule.set(r.rule_id, counts);
      // The roll-up counts outcomes one by one; feeding it the grouped counts keeps its rules in one place.
      const outcome = { rule_id: r.rule_id, status: r.status, severity: r.severity } as Parameters<Rollup['add']>[0];
      for (let i = 0; i < n; i++) rollup.add(outcome);
    }
    const computed = { meta, rollup: rollup.result(meta), byRule };
    if (scan.status === 'succeeded' || scan.status === 'partial') {
      if (this.cache.size > 20) this.cache.clear();
      this.cache.set(scan.id, computed);
    }
    return computed;
  }
}

export function complianceRoutes(ctx: ServerContext, rollups: ComplianceCache) {
  const compute = (scan: ScanRecord) => rollups.compute(scan);

  function framework(computed: Computed, id: string): FrameworkSummary {
    const fw = computed.rollup.frameworks.find((f) => f.id === id);
    if (!fw) {
      throw new ApiError(404, 'framework_not_found', `no framework ${JSON.stringify(id)} in this scan's bundle; known: ${computed.rollup.frameworks.map((f) => f.id).join(', ')}`);
    }
    return fw;
  }

  /** Failing outcomes of the given rules in a scan, at most `perRule` per rule, with their suppression. */
  async function failing(scanId: number, ruleIds: string[], perRule: number) {
    if (ruleIds.length === 0) return [];
    const ranked = ctx.store.db
      .selectFrom('scan_results as r')
      .leftJoin('findings as f', (join) => join.onRef('f.rule_id', '=', 'r.rule_id').onRef('f.resource_id', '=', 'r.resource_id'))
      .select([
        'r.rule_id', 'r.resource_id', 'r.resource_type', 'r.provider', 'r.account', 'r.region', 'r.message', 'f.suppressed_by',
        sql<number>`row_number() over (partition by r.rule_id order by r.resource_id)`.as('rank'),
      ])
      .where('r.scan_id', '=', scanId)
      .where('r.status', '=', 'FAIL')
      .where('r.rule_id', 'in', ruleIds);
    return ctx.store.db.selectFrom(ranked.as('x')).selectAll().where('rank', '<=', perRule).orderBy('rule_id').orderBy('resource_id').execute();
  }

  function ruleWithCounts(computed: Computed, id: string) {
    const rule = computed.meta.rules.find((r) => r.id === id);
    const c = computed.byRule.get(id) ?? { PASS: 0, FAIL: 0, ERROR: 0 };
    return { ...(rule ?? { id, title: id }), pass: c.PASS, fail: c.FAIL, error: c.ERROR };
  }

  function needsData(meta: ParapetMetadata, framework: string, control: string): string | undefined {
    return meta.frameworks[framework]?.controls.find((c) => c.id === control)?.needs_data;
  }

  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { scan?: number } }>(
      '/v1/compliance',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['compliance'],
          summary: 'Frameworks of a scan with their score and control counts',
          querystring: { type: 'object', additionalProperties: false, properties: scanQuery },
          response: { 200: { type: 'object', properties: { scan: scanSchema, frameworks: { type: 'array', items: frameworkSummarySchema } } }, ...errors },
        },
      },
      async (request) => {
        const scan = await scanOrLatest(ctx, request.query.scan);
        const computed = await compute(scan);
        return {
          scan,
          frameworks: computed.rollup.frameworks.map((f) => ({ id: f.id, name: f.name, version: f.version, score: f.score, counts: f.counts, controls: f.controls.length })),
        };
      },
    );

    app.get<{ Params: { framework: string }; Querystring: { scan?: number } }>(
      '/v1/compliance/:framework',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['compliance'],
          summary: 'Every control of a framework: status, rules and (the first) failing resources',
          params: { type: 'object', required: ['framework'], properties: { framework: { type: 'string', maxLength: 128 } } },
          querystring: { type: 'object', additionalProperties: false, properties: scanQuery },
          response: {
            200: {
              type: 'object',
              properties: {
                scan: scanSchema,
                framework: { type: 'object', properties: { ...frameworkSummarySchema.properties, controls: { type: 'array', items: controlSchema } } },
              },
            },
            ...errors,
          },
        },
      },
      async (request) => {
        const scan = await scanOrLatest(ctx, request.query.scan);
        const computed = await compute(scan);
        const fw = framework(computed, request.params.framework);
        const ruleIds = [...new Set(fw.controls.flatMap((c) => c.rules))];
        const failures = await failing(scan.id, ruleIds, RESOURCES_PER_CONTROL);
        const byRule = new Map<string, typeof failures>();
        for (const f of failures) byRule.set(f.rule_id, [...(byRule.get(f.rule_id) ?? []), f]);
        const controls = fw.controls.map((c) => {
          const seen = new Set<string>();
          const resources = c.rules
            .flatMap((r) => byRule.get(r) ?? [])
            .filter((f) => !seen.has(f.resource_id) && seen.add(f.resource_id))
            .slice(0, RESOURCES_PER_CONTROL);
          const needs = needsData(computed.meta, fw.id, c.id);
          return { ...c, ...(needs ? { needs_data: needs } : {}), rules: c.rules.map((r) => ruleWithCounts(computed, r)), failing_resources: resources };
        });
        return { scan, framework: { id: fw.id, name: fw.name, version: fw.version, score: fw.score, counts: fw.counts, controls } };
      },
    );

    app.get<{ Params: { framework: string; control: string }; Querystring: { scan?: number; limit?: number } }>(
      '/v1/compliance/:framework/controls/:control',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['compliance'],
          summary: 'One control: its rules with remediation and every failing resource',
          params: {
            type: 'object',
            required: ['framework', 'control'],
            properties: { framework: { type: 'string', maxLength: 128 }, control: { type: 'string', maxLength: 128 } },
          },
          querystring: { type: 'object', additionalProperties: false, properties: { ...scanQuery, limit: { type: 'integer', minimum: 1, maximum: 10000, default: 500 } } },
          response: { 200: { type: 'object', properties: { scan: scanSchema, framework: frameworkSummarySchema, control: controlSchema } }, ...errors },
        },
      },
      async (request) => {
        const scan = await scanOrLatest(ctx, request.query.scan);
        const computed = await compute(scan);
        const fw = framework(computed, request.params.framework);
        const control = fw.controls.find((c) => c.id === request.params.control);
        if (!control) throw new ApiError(404, 'control_not_found', `no control ${JSON.stringify(request.params.control)} in ${fw.id}`);
        const failures = await failing(scan.id, control.rules, request.query.limit ?? 500);
        const needs = needsData(computed.meta, fw.id, control.id);
        return {
          scan,
          framework: { id: fw.id, name: fw.name, version: fw.version, score: fw.score, counts: fw.counts, controls: fw.controls.length },
          control: { ...control, ...(needs ? { needs_data: needs } : {}), rules: control.rules.map((r) => ruleWithCounts(computed, r)), failing_resources: failures },
        };
      },
    );
  };
}
