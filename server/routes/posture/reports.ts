/**
 * GET /v1/reports/{scan}?format=…: a scan's report in any of the report
 * formats (reports/): the compliance report as HTML or PDF, the findings as
 * CSV, JSON, NDJSON, SARIF, OCSF or ASFF. Streamed: the scan's failing
 * outcomes are read page by page.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { scanFindings } from '../../../posture/report.js';
import { CONTENT_TYPES, FORMATS, writeReport, type ReportFormat } from '../../../reports/index.js';
import type { ReportContext } from '../../../reports/types.js';
import type { ServerContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import type { ComplianceCache } from './compliance.js';
import { errors } from './shared.js';

const EXTENSIONS: Record<ReportFormat, string> = { html: 'html', pdf: 'pdf', csv: 'csv', json: 'json', ndjson: 'ndjson', sarif: 'sarif', ocsf: 'ocsf.json', asff: 'asff.json' };

export function reportRoutes(ctx: ServerContext, rollups: ComplianceCache) {
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
          await writeReport(format, context, scanFindings(ctx.store, scan), sink);
          sink.end();
          return reply.send(Buffer.concat(chunks));
        }
        const out = new PassThrough();
        writeReport(format, context, scanFindings(ctx.store, scan), out).then(
          () => out.end(),
          (err: unknown) => out.destroy(err as Error),
        );
        return reply.send(out);
      },
    );
  };
}
