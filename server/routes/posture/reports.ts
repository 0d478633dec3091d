/**
 * GET /v1/reports/{scan}?format=…: a scan's report in any of the report
 * formats (reports/): the compliance report as HTML or PDF, the findings as
 * CSV, JSON, NDJSON, SARIF, OCSF or ASFF. Streamed: the scan's failing
 * outcomes are read page by page.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Provider } from '../../../collectors/schema/inventory.js';
import type { Severity } from '../../../engine/bundle/types.js';
import { fromJson } from '../../../store/db.js';
import { isActiveAt } from '../../../store/exceptions.js';
import { CONTENT_TYPES, FORMATS, writeReport, type ReportFormat } from '../../../reports/index.js';
import type { ReportContext, ReportFinding } from '../../../reports/types.js';
import type { ServerContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { ComplianceCache } from './compliance.js';
import { errors } from './shared.js';

const EXTENSIONS: Record<ReportFormat, string> = { html: 'html', pdf: 'pdf', csv: 'csv', json: 'json', ndjson: 'ndjson', sarif: 'sarif', ocsf: 'ocsf.json', asff: 'asff.json' };

export function reportRoutes(ctx: ServerContext, rollups: ComplianceCache) {
  /** The scan's FAIL and ERROR outcomes with their lifecycle and suppression, in (rule, resource) order. */
  async function* scanFindings(scanId: number): AsyncGenerator<ReportFinding> {
    const exceptions = new Map((await ctx.store.exceptions.list()).map((e) => [e.id, e]));
    let after: { rule: string; resource: string } | undefined;
    for (;;) {
      const cursor = after;
      const rows = await ctx.store.db
        .selectFrom('scan_results as r')
        .leftJoin('findings as f', (join) => join.onRef('f.rule_id', '=', 'r.rule_id').onRef('f.resource_id', '=', 'r.resource_id'))
        .select([
          'r.rule_id', 'r.resource_id', 'r.resource_type', 'r.provider', 'r.account', 'r.region', 'r.status', 'r.severity', 'r.message', 'r.evidence',
          'f.status as lifecycle', 'f.first_seen', 'f.last_seen', 'f.suppressed_by',
        ])
        .where('r.scan_id', '=', scanId)
        .where('r.status', '!=', 'PASS')
        .$if(cursor !== undefined, (q) =>
          q.where((eb) => eb.or([eb('r.rule_id', '>', cursor!.rule), eb.and([eb('r.rule_id', '=', cursor!.rule), eb('r.resource_id', '>', cursor!.resource)])])),
        )
        .orderBy('r.rule_id')
        .orderBy('r.resource_id')
        .limit(1000)
        .execute();
      for (const r of rows) {
        const exception = r.suppressed_by ? exceptions.get(r.suppressed_by) : undefined;
        yield {
          rule_id: r.rule_id,
          resource_id: r.resource_id,
          resource_type: r.resource_type,
          provider: r.provider as Provider,
          account: r.account,
          region: r.region,
          severity: r.severity as Severity,
          status: r.status,
          ...(r.lifecycle ? { lifecycle: r.lifecycle } : {}),
          ...(r.message ? { message: r.message } : {}),
          ...(r.evidence ? { evidence: fromJson<unknown[]>(r.evidence, []) } : {}),
          ...(r.first_seen ? { first_seen: r.first_seen, last_seen: r.last_seen ?? undefined } : {}),
          ...(exception && isActiveAt(exception, new Date().toISOString())
            ? { suppressed: { exception_id: exception.id, owner: exception.owner, reason: exception.reason, expires_at: exception.expires_at } }
            : {}),
        };
      }
      if (rows.length < 1000) return;
      const last = rows[rows.length - 1]!;
      after = { rule: last.rule_id, resource: last.resource_id };
    }
  }

  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { scan: number }; Querystring: { format?: ReportFormat; framework?: string } }>(
      '/v1/reports/:scan',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['reports'],
          summary: 'A scan’s report: html or pdf (compliance), csv, json, ndjson, sarif, ocsf, asff (findings)',
          params: { type: 'object', required: ['scan'], properties: { scan: { type: 'integer', minimum: 1 } } },
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              format: { type: 'string', enum: [...FORMATS], default: 'html' },
              framework: { type: 'string', maxLength: 128, description: 'only this framework in the compliance sections' },
            },
          },
          response: { 200: { type: 'string' }, ...errors },
        },
      },
      async (request, reply) => {
        const { format = 'html', framework } = request.query;
        const scan = await ctx.store.scans.get(request.params.scan);
        if (scan.status !== 'succeeded' && scan.status !== 'partial') {
          throw new ApiError(409, 'scan_not_finished', `scan ${scan.id} is ${scan.status}: reports are of finished scans`);
        }
        const computed = await rollups.compute(scan);
        const frameworks = computed.rollup.frameworks.filter((f) => !framework || f.id === framework);
        if (framework && frameworks.length === 0) throw new ApiError(404, 'framework_not_found', `no framework ${JSON.stringify(framework)} in scan ${scan.id}'s bundle`);
        const context: ReportContext = {
          generated_at: new Date().toISOString(),
          title: `Parapet posture report: ${scan.target}, scan ${scan.id}`,
          scan: { id: scan.id, target: scan.target, started_at: scan.started_at, ...(scan.finished_at ? { finished_at: scan.finished_at } : {}) },
          bundle: { name: scan.bundle?.name ?? '', version: scan.bundle?.version ?? '', ...(scan.bundle ? { digest: scan.bundle.digest } : {}) },
          rules: computed.meta.rules,
          frameworks,
        };
        void reply
          .type(CONTENT_TYPES[format])
          .header('content-disposition', `attachment; filename="parapet-scan-${scan.id}.${EXTENSIONS[format]}"`);
        if (format === 'html' || format === 'pdf') {
          // Rendered whole (the HTML page and the PDF are built in memory); errors still reach the error handler.
          const chunks: Buffer[] = [];
          const sink = new PassThrough();
          sink.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
          await writeReport(format, context, scanFindings(scan.id), sink);
          sink.end();
          return reply.send(Buffer.concat(chunks));
        }
        const out = new PassThrough();
        writeReport(format, context, scanFindings(scan.id), out).then(
          () => out.end(),
          (err: unknown) => out.destroy(err as Error),
        );
        return reply.send(out);
      },
    );
  };
}
