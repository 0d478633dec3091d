/**
 * `POST /v1/evaluate`: one resource, a list, or a whole canonical inventory, as
 * JSON (`{"resource"}`, `{"resources"}`, an inventory document, or an array) or
 * streamed in as NDJSON (`Content-Type: application/x-ndjson`: an optional header
 * line, then one resource a line). The body is validated line by line while it is
 * spooled to a temporary file (a malformed line or a resource that fails the
 * schema is a 400 naming its line, before anything is evaluated); the streaming
 * evaluator then reads that file per bundle, so the estate is never held in memory.
 * Outcomes (PASS / FAIL / ERROR with evidence) and each bundle's compliance roll-up
 * come back as one JSON document, or as NDJSON lines when the client accepts
 * `application/x-ndjson` or the body was NDJSON (`?stream=false` forces JSON).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INVENTORY_VERSION } from '../../collectors/schema/inventory.js';
import { describeErrors, validators } from '../../collectors/schema/validate.js';
import { errorMessage } from '../../common/errors.js';
import { evaluateInventory, type EvaluateSummary } from '../../engine/eval/evaluate.js';
import type { EvalPool } from '../../engine/eval/pool.js';
import type { Outcome } from '../../engine/findings/types.js';
import { queryFlag, type ServerContext } from '../context.js';
import { ApiError, errorSchema } from '../errors.js';
import { jsonDepth } from '../json-limits.js';
import type { ActiveBundle } from '../registry.js';
import { evaluationError } from './data.js';

const NDJSON = 'application/x-ndjson';
/** Outcomes one JSON response may hold; beyond it the client is told to stream. */
const MAX_JSON_OUTCOMES = 100_000;
/** The largest NDJSON body streamed in. */
const MAX_STREAM_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 20;

interface EvaluateQuery {
  bundle?: string[];
  framework?: string[];
  stream?: string;
}

interface JsonBody {
  bundles?: string[];
  frameworks?: string[];
  resource?: unknown;
  resources?: unknown[];
  inventory?: { resources?: unknown[] };
  version?: string;
  generated_at?: string;
  sources?: unknown[];
}

/** Writes the canonical NDJSON form of a request body to `file`, checking every record. */
class Spool {
  private readonly out;
  private readonly errors: Array<{ line: number; message: string }> = [];
  private errorCount = 0;
  count = 0;

  constructor(readonly file: string) {
    this.out = createWriteStream(file);
  }

  private async write(text: string): Promise<void> {
    if (!this.out.write(`${text}\n`)) await once(this.out, 'drain');
  }

  async header(header: Record<string, unknown> | undefined): Promise<void> {
    const value = header ?? { version: INVENTORY_VERSION, generated_at: new Date().toISOString(), sources: [] };
    const check = validators().header;
    if (!check(value)) throw new ApiError(400, 'invalid_parameter', `the inventory header is invalid: ${describeErrors(check.errors).join('; ')}`);
    await this.write(JSON.stringify(value));
  }

  async resource(line: number, value: unknown, text?: string): Promise<void> {
    const check = validators().resource;
    if (!check(value)) {
      this.fail(line, `resource fails the inventory schema: ${describeErrors(check.errors).join('; ')}`);
      return;
    }
    this.count++;
    await this.write(text ?? JSON.stringify(value));
  }

  fail(line: number, message: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, message });
  }

  async finish(): Promise<void> {
    this.out.end();
    await once(this.out, 'close');
    if (this.errorCount > 0) {
      const first = this.errors[0]!;
      throw new ApiError(400, 'invalid_parameter', `${this.errorCount} input record(s) are invalid; the first, record ${first.line}: ${first.message}`, this.errors);
    }
    if (this.count === 0) throw new ApiError(400, 'invalid_parameter', 'the request names no resource to evaluate');
  }

  async abort(): Promise<void> {
    this.out.destroy();
  }
}

async function spoolJson(spool: Spool, body: JsonBody | unknown[]): Promise<void> {
  if (Array.isArray(body)) {
    await spool.header(undefined);
    for (let i = 0; i < body.length; i++) await spool.resource(i + 1, body[i]);
    return;
  }
  const doc = body.inventory ?? (body.version !== undefined ? body : undefined);
  if (doc) {
    const { resources, ...header } = doc as Record<string, unknown> & { resources?: unknown };
    if (!Array.isArray(resources)) throw new ApiError(400, 'invalid_parameter', 'the inventory has no resources array');
    await spool.header(header);
    for (let i = 0; i < resources.length; i++) await spool.resource(i + 1, resources[i]);
    return;
  }
  await spool.header(undefined);
  if (body.resource !== undefined) await spool.resource(1, body.resource);
  else if (Array.isArray(body.resources)) for (let i = 0; i < body.resources.length; i++) await spool.resource(i + 1, body.resources[i]);
  else throw new ApiError(400, 'invalid_parameter', 'send {"resource": …}, {"resources": […]}, an inventory document, or NDJSON (application/x-ndjson)');
}

async function spoolNdjson(spool: Spool, stream: Readable, maxLineBytes: number, maxDepth: number): Promise<void> {
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > MAX_STREAM_BYTES) stream.destroy(new ApiError(413, 'request_too_large', `the NDJSON body exceeds ${MAX_STREAM_BYTES} bytes`));
  });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let headerDone = false;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    if (text.length > maxLineBytes) {
      spool.fail(line, `line is ${text.length} bytes; the limit is ${maxLineBytes}`);
      continue;
    }
    const depth = jsonDepth(text);
    if (depth > maxDepth) {
      spool.fail(line, `line nests ${depth} levels deep; the limit is ${maxDepth}`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      spool.fail(line, `line is not valid JSON (truncated or malformed): ${errorMessage(err)}`);
      continue;
    }
    if (!headerDone) {
      headerDone = true;
      const isHeader = !!value && typeof value === 'object' && !Array.isArray(value) && 'version' in value && !('id' in value);
      await spool.header(isHeader ? (value as Record<string, unknown>) : undefined);
      if (isHeader) continue;
    }
    await spool.resource(line, value, text);
  }
  if (!headerDone) await spool.header(undefined);
}

/**
 * The evaluator drives a pool's active bundle (`evaluate` / `evaluateText`); this view
 * runs it against one bundle of the shared pool instead.
 */
function poolFor(pool: EvalPool, bundle: ActiveBundle): EvalPool {
  type Items = Parameters<EvalPool['evaluate']>[0];
  const view = {
    threads: pool.threads,
    evaluate: (items: Items, nowNs: bigint) => pool.evaluateIn(bundle.prepared, items, nowNs),
    // Result sets as JSON text, as `evaluateText` gives them.
    evaluateText: async (items: Items, nowNs: bigint) =>
      (await pool.evaluateIn(bundle.prepared, items, nowNs)).map((r) => (r.ok ? { ok: true as const, value: JSON.stringify(r.value) } : r)),
    close: async () => undefined,
  };
  return view as unknown as EvalPool;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

function rulesOfFrameworks(bundle: ActiveBundle, frameworks: string[]): Set<string> | undefined {
  if (frameworks.length === 0) return undefined;
  return new Set(bundle.loaded.parapet.rules.filter((r) => frameworks.some((f) => (r.frameworks[f]?.length ?? 0) > 0)).map((r) => r.id));
}

function summarize(bundle: ActiveBundle, summary: EvaluateSummary, frameworks: string[]) {
  const rollup = summary.rollup;
  return {
    bundle: bundle.name,
    version: bundle.version,
    revision: bundle.revision,
    resources: summary.resources,
    evaluated: summary.evaluated,
    duration_ms: summary.durationMs,
    totals: rollup.totals,
    failed_by_severity: rollup.failedBySeverity,
    frameworks: frameworks.length ? rollup.frameworks.filter((f) => frameworks.includes(f.id)) : rollup.frameworks,
  };
}

export function evaluateRoutes(ctx: ServerContext) {
  return async function routes(app: FastifyInstance): Promise<void> {
    // NDJSON bodies stream through to the handler (bounded there, line by line).
    app.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));

    const handler = async (request: FastifyRequest<{ Querystring: EvaluateQuery; Body: JsonBody | unknown[] | Readable }>, reply: FastifyReply) => {
      const started = process.hrtime.bigint();
      const body = request.body;
      const streamedIn = (request.headers['content-type'] ?? '').startsWith(NDJSON);
      if (!streamedIn && (body === undefined || body === null || typeof body !== 'object')) {
        throw new ApiError(400, 'invalid_parameter', 'send {"resource": …}, {"resources": […]}, an inventory document, or NDJSON (application/x-ndjson)');
      }
      const json = streamedIn ? undefined : (body as JsonBody | unknown[]);
      const named = !json || Array.isArray(json) ? {} : json;
      const bundleNames = [...asList(request.query.bundle), ...(named.bundles ?? [])];
      const frameworks = [...asList(request.query.framework), ...(named.frameworks ?? [])];
      const bundles = bundleNames.length ? bundleNames.map((n) => ctx.registry.get(n) ?? n) : ctx.registry.active();
      const unknown = bundles.filter((b): b is string => typeof b === 'string');
      if (unknown.length) throw new ApiError(404, 'bundle_not_found', `no active bundle ${unknown.join(', ')}`);
      const chosen = bundles as ActiveBundle[];
      if (chosen.length === 0) throw new ApiError(503, 'no_active_bundle', 'no bundle is active');
      const missing = frameworks.filter((f) => !chosen.some((b) => f in b.loaded.parapet.frameworks));
      if (missing.length) throw new ApiError(400, 'invalid_parameter', `framework(s) ${missing.join(', ')} are in none of the bundles ${chosen.map((b) => b.name).join(', ')}`);

      const dir = await mkdtemp(join(tmpdir(), 'parapet-evaluate-'));
      try {
        const spool = new Spool(join(dir, 'inventory.ndjson'));
        try {
          if (json) await spoolJson(spool, json);
          else await spoolNdjson(spool, body as Readable, app.limits.bodyBytes, app.limits.jsonDepth);
        } catch (err) {
          await spool.abort();
          throw err;
        }
        await spool.finish();

        const decisionId = randomUUID();
        const stream = request.query.stream !== undefined ? queryFlag(request.query.stream) : streamedIn || (request.headers.accept ?? '').includes(NDJSON);
        const pool = ctx.registry.evalPool();
        const nowNs = BigInt(Date.now()) * 1_000_000n;
        const results: Array<{ summary: ReturnType<typeof summarize>; outcomes: Array<Outcome & { bundle: string }> }> = [];
        let outcomeCount = 0;

        if (stream) {
          reply.raw.writeHead(200, { 'content-type': `${NDJSON}; charset=utf-8`, 'x-request-id': request.id, 'x-decision-id': decisionId });
        }
        const write = async (value: unknown) => {
          if (reply.raw.destroyed) throw new ApiError(400, 'client_closed', 'the client closed the connection');
          // A client that stops reading must not hold the evaluation forever: 'close' ends the wait too.
          if (!reply.raw.write(`${JSON.stringify(value)}\n`)) await Promise.race([once(reply.raw, 'drain'), once(reply.raw, 'close')]);
        };
        try {
          for (const bundle of chosen) {
            const keep = rulesOfFrameworks(bundle, frameworks);
            const outcomes: Array<Outcome & { bundle: string }> = [];
            const summary = await evaluateInventory({
              bundle: bundle.loaded,
              inventory: spool.file,
              nowNs,
              pool: poolFor(pool, bundle),
              onOutcome: async (outcome) => {
                if (keep && !keep.has(outcome.rule_id) && outcome.status !== 'ERROR') return;
                outcomeCount++;
                if (stream) await write({ kind: 'outcome', bundle: bundle.name, ...outcome });
                else {
                  if (outcomeCount > MAX_JSON_OUTCOMES) {
                    throw new ApiError(413, 'request_too_large', `more than ${MAX_JSON_OUTCOMES} outcomes; ask for NDJSON (Accept: ${NDJSON}) to stream them`);
                  }
                  outcomes.push({ bundle: bundle.name, ...outcome });
                }
              },
            });
            const s = summarize(bundle, summary, frameworks);
            if (stream) await write({ kind: 'summary', ...s });
            results.push({ summary: s, outcomes });
          }
        } catch (err) {
          const apiError = evaluationError(err);
          app.metrics.evaluationErrors.labels('evaluate').inc();
          if (apiError.statusCode >= 500) request.log.error({ err }, 'evaluate failed');
          if (!stream) throw apiError;
          if (!reply.raw.destroyed) {
            const detail = apiError.details ? { errors: apiError.details } : {};
            await write({ kind: 'error', code: apiError.code, message: apiError.message, ...detail }).catch(() => undefined);
            reply.raw.end();
          }
          return reply;
        }

        const latencyUs = Number(process.hrtime.bigint() - started) / 1000;
        for (const { summary } of results) {
          app.metrics.decisions.labels('evaluate', summary.totals.FAIL > 0 ? 'fail' : summary.totals.ERROR > 0 ? 'error' : 'pass').inc();
        }
        ctx.decisions.log({
          decision_id: decisionId,
          path: 'evaluate',
          input: spool.count <= 10 && json ? json : { resources: spool.count, bundles: chosen.map((b) => b.name), frameworks },
          result: results.map(({ summary }) => ({ bundle: summary.bundle, totals: summary.totals })),
          revisions: Object.fromEntries(chosen.map((b) => [b.name, b.revision])),
          timestamp: new Date().toISOString(),
          latency_us: latencyUs,
        });
        if (stream) {
          await write({ kind: 'end', decision_id: decisionId, resources: spool.count, outcomes: outcomeCount });
          reply.raw.end();
          return reply;
        }
        return {
          decision_id: decisionId,
          resources: spool.count,
          results: results.map(({ summary, outcomes }) => ({ ...summary, outcomes })),
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };

    app.post(
      '/v1/evaluate',
      {
        config: { scope: 'evaluate' },
        schema: {
          tags: ['evaluate'],
          summary: 'Evaluate resources or an inventory against active bundles: outcomes and the compliance roll-up (JSON, or NDJSON in and out)',
          querystring: {
            type: 'object',
            properties: {
              bundle: { type: 'array', items: { type: 'string' }, description: 'bundle names (default: every active bundle)' },
              framework: { type: 'array', items: { type: 'string' }, description: 'framework ids to report on' },
              stream: { type: 'string', description: 'true: NDJSON out; false: one JSON document' },
            },
          },
          body: {
            anyOf: [
              {
                type: 'object',
                properties: {
                  bundles: { type: 'array', items: { type: 'string' } },
                  frameworks: { type: 'array', items: { type: 'string' } },
                  resource: { type: 'object' },
                  resources: { type: 'array', items: { type: 'object' } },
                  inventory: { type: 'object' },
                },
              },
              { type: 'array', items: { type: 'object' } },
              { description: 'NDJSON stream (application/x-ndjson)' },
            ],
          },
          response: {
            200: {
              type: 'object',
              properties: {
                decision_id: { type: 'string' },
                resources: { type: 'integer' },
                results: { type: 'array', items: { type: 'object', additionalProperties: true } },
              },
            },
            '4xx': errorSchema,
            '5xx': errorSchema,
          },
        },
      },
      handler,
    );
  };
}
