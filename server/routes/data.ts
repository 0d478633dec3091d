/**
 * OPA's Data API (`POST /v1/data/{path}`, `GET /v1/data/{path}?input=`), answered
 * from the wasm entrypoints of the active bundles with OPA's request and response
 * shapes: `result` omitted when undefined, `decision_id`, `?metrics`,
 * `?provenance`, `?pretty`, errors as `{code, message, errors}`. A path below an
 * entrypoint selects into its value; a path that matches nothing is undefined
 * (200 without `result`), as in OPA.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, isParapetError } from '../../common/errors.js';
import { queryFlag, type ServerContext } from '../context.js';
import { ApiError, errorSchema } from '../errors.js';
import { jsonDepth, parseJsonBody } from '../json-limits.js';
import type { ActiveBundle } from '../registry.js';

interface DataQuery {
  input?: string;
  pretty?: string;
  metrics?: string;
  provenance?: string;
}

const querystring = {
  type: 'object',
  properties: {
    input: { type: 'string', description: 'GET only: the input document as JSON' },
    pretty: { type: 'string', description: 'indent the response' },
    metrics: { type: 'string', description: 'include timer_* metrics (ns)' },
    provenance: { type: 'string', description: 'include the version and bundle revisions' },
    instrument: { type: 'string' },
    explain: { type: 'string' },
    'strict-builtin-errors': { type: 'string' },
  },
} as const;

const response = {
  200: {
    type: 'object',
    properties: {
      result: { description: 'the value of the document; omitted when undefined' },
      decision_id: { type: 'string' },
      metrics: { type: 'object', additionalProperties: { type: 'integer' } },
      provenance: {
        type: 'object',
        properties: {
          version: { type: 'string' },
          bundles: { type: 'object', additionalProperties: { type: 'object', properties: { revision: { type: 'string' } } } },
        },
      },
      warning: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  '4xx': errorSchema,
  '5xx': errorSchema,
} as const;

/** Evaluation failures that are limits the request ran into, not faults of the server. */
function limitError(message: string): ApiError | undefined {
  if (/exceeds the limit of \d+ bytes/.test(message)) return new ApiError(413, 'request_too_large', message);
  if (/time limit|heap limit|memory limit/.test(message)) return new ApiError(422, 'evaluation_limit_exceeded', message);
  return undefined;
}

/** Maps an evaluation error to the API error the client sees. */
export function evaluationError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = errorMessage(err);
  return limitError(message) ?? new ApiError(500, 'internal_error', 'policy evaluation failed', [{ code: isParapetError(err) ? err.code : 'eval_error', message }]);
}

function dig(value: unknown, keys: readonly string[]): unknown {
  let v = value;
  for (const key of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    if (Array.isArray(v)) {
      if (!/^\d+$/.test(key)) return undefined;
      v = v[Number(key)];
    } else v = (v as Record<string, unknown>)[key];
    if (v === undefined) return undefined;
  }
  return v;
}

function splitPath(raw: string | undefined): string[] {
  return (raw ?? '')
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s));
}

export function dataRoutes(ctx: ServerContext) {
  return async function routes(app: FastifyInstance): Promise<void> {
    // OPA reads the body as JSON whatever its type: `curl -d` sends form encoding.
    app.addContentTypeParser(['application/x-www-form-urlencoded', 'text/plain'], { parseAs: 'string' }, (request, body, done) => {
      try {
        done(null, parseJsonBody(request, body as string, app.limits.jsonDepth));
      } catch (err) {
        done(err as Error);
      }
    });
    const handler = async (request: FastifyRequest<{ Params: { '*'?: string }; Querystring: DataQuery; Body: { input?: unknown } | undefined }>, reply: FastifyReply) => {
      const started = process.hrtime.bigint();
      const query = request.query;
      const path = splitPath(request.params['*']);
      let input: unknown;
      // The input's JSON text as the client sent it, when known: the evaluator parses it, not a re-serialization.
      let inputJson: string | undefined;
      let warning: { code: string; message: string } | undefined;
      if (request.method === 'GET') {
        if (query.input !== undefined) {
          const depth = jsonDepth(query.input);
          if (depth > app.limits.jsonDepth) throw new ApiError(400, 'invalid_parameter', `input parameter nests ${depth} levels deep; the limit is ${app.limits.jsonDepth}`);
          try {
            input = JSON.parse(query.input);
            inputJson = query.input;
          } catch (err) {
            throw new ApiError(400, 'invalid_parameter', `input parameter format is not valid JSON: ${errorMessage(err)}`);
          }
        }
      } else {
        const body = request.body;
        if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
          throw new ApiError(400, 'invalid_parameter', 'request body must be a JSON object ({"input": ...})');
        }
        if (body === undefined || !('input' in body)) warning = { code: 'api_usage_warning', message: "'input' key missing from the request" };
        else {
          input = body.input;
          inputJson = request.inputJson;
        }
      }

      const decisionId = randomUUID();
      const evalStarted = process.hrtime.bigint();
      let result: unknown;
      let bundle: ActiveBundle | undefined;
      let label = 'undefined';
      const resolved = ctx.registry.resolve(path);
      try {
        if (resolved) {
          bundle = resolved.bundle;
          label = resolved.entrypoint;
          const now = BigInt(Date.now()) * 1_000_000n;
          const pool = ctx.registry.evalPool();
          const text =
            inputJson !== undefined
              ? await pool.evaluateInputTextIn(resolved.bundle.prepared, resolved.entrypoint, inputJson, now)
              : await pool.evaluateEntrypointIn(resolved.bundle.prepared, resolved.entrypoint, input, now);
          const set = JSON.parse(text) as Array<{ result: unknown }>;
          result = set.length > 0 ? dig(set[0]!.result, resolved.rest) : undefined;
        } else if (ctx.registry.isPrefix(path)) {
          throw new ApiError(400, 'invalid_parameter', `data.${path.join('.') || '(root)'} holds several compiled entrypoints; query one of them (the wasm engine answers entrypoints and the paths below them)`);
        } else {
          for (const b of ctx.registry.active()) {
            const value = dig(b.loaded.data, path);
            if (value !== undefined) {
              result = value;
              bundle = b;
              label = 'data';
              break;
            }
          }
        }
      } catch (err) {
        const apiError = evaluationError(err);
        app.metrics.decisions.labels(label, 'error').inc();
        app.metrics.evaluationErrors.labels(apiError.code === 'evaluation_limit_exceeded' ? 'limit' : apiError.code === 'request_too_large' ? 'input_size' : 'error').inc();
        ctx.decisions.log({
          decision_id: decisionId,
          path: path.join('/'),
          input,
          revisions: bundle ? { [bundle.name]: bundle.revision } : {},
          timestamp: new Date().toISOString(),
          latency_us: Number(process.hrtime.bigint() - started) / 1000,
          error: apiError.message,
        });
        throw apiError;
      }
      const evalNs = process.hrtime.bigint() - evalStarted;
      app.metrics.decisions.labels(label, result === undefined ? 'undefined' : 'defined').inc();
      ctx.decisions.log({
        decision_id: decisionId,
        path: path.join('/'),
        input,
        result,
        revisions: bundle ? { [bundle.name]: bundle.revision } : {},
        timestamp: new Date().toISOString(),
        latency_us: Number(process.hrtime.bigint() - started) / 1000,
      });

      const body: Record<string, unknown> = { decision_id: decisionId };
      if (result !== undefined) body.result = result;
      if (queryFlag(query.provenance)) {
        body.provenance = {
          version: ctx.version,
          bundles: Object.fromEntries(ctx.registry.active().map((b) => [b.name, { revision: b.revision }])),
        };
      }
      if (queryFlag(query.metrics)) {
        body.metrics = {
          timer_rego_query_eval_ns: Number(evalNs),
          timer_server_handler_ns: Number(process.hrtime.bigint() - started),
        };
      }
      if (warning) body.warning = warning;
      if (queryFlag(query.pretty)) {
        return reply.type('application/json; charset=utf-8').send(`${JSON.stringify(body, null, 2)}\n`);
      }
      return body;
    };

    const common = {
      config: { scope: 'evaluate' as const },
      schema: {
        tags: ['data'],
        summary: 'OPA Data API: evaluate the document at a path',
        querystring,
        response,
      },
    };
    const body = { type: 'object', properties: { input: { description: 'the input document' } } } as const;
    app.get('/v1/data', common, handler);
    app.get('/v1/data/*', common, handler);
    app.post('/v1/data', { ...common, schema: { ...common.schema, body } }, handler);
    app.post('/v1/data/*', { ...common, schema: { ...common.schema, body } }, handler);
  };
}
