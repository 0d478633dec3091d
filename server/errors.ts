/**
 * Errors in OPA's shape, `{code, message, errors?}`, for every route. Parapet's
 * codes follow OPA's where they overlap (invalid_parameter, resource_not_found,
 * unauthorized, internal_error).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ParapetError, isParapetError } from '../common/errors.js';

export interface ApiErrorBody {
  code: string;
  message: string;
  errors?: unknown[];
}

/** An error a route throws on purpose: its status and OPA-style code reach the client as they are. */
export class ApiError extends ParapetError {
  readonly statusCode: number;
  constructor(statusCode: number, code: string, message: string, errors?: unknown[]) {
    super(code, message, { details: errors });
    this.statusCode = statusCode;
  }
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'invalid_parameter'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_parameter'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_parameter'],
};

/** The HTTP status of a ParapetError a route lets through, by its code. */
export function statusForCode(code: string): number {
  if (code.endsWith('_not_found')) return 404;
  if (['bundle_version_exists', 'bundle_active', 'bundle_no_previous', 'scan_running'].includes(code)) return 409;
  if (code === 'store_unavailable') return 503;
  return 400;
}

export const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    errors: { type: 'array', items: {} },
  },
} as const;

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { statusCode?: number }, request, reply) => {
    let status = 500;
    let body: ApiErrorBody = { code: 'internal_error', message: 'internal error' };
    if (err instanceof ApiError) {
      status = err.statusCode;
      body = { code: err.code, message: err.message, ...(err.details ? { errors: err.details as unknown[] } : {}) };
    } else if (err.validation) {
      status = 400;
      body = {
        code: 'invalid_parameter',
        message: `invalid request: ${err.message}`,
        errors: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      };
    } else if (err.code && FASTIFY_CODES[err.code]) {
      const [s, code] = FASTIFY_CODES[err.code];
      status = s;
      body = { code, message: err.message };
    } else if (isParapetError(err)) {
      status = statusForCode(err.code);
      body = { code: err.code, message: err.message };
    } else {
      const clientStatus = (err as { statusCode?: number }).statusCode;
      if (typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500) {
        status = clientStatus;
        body = { code: 'invalid_parameter', message: (err as Error).message };
      }
    }
    if (status >= 500) request.log.error({ err }, 'request failed');
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ code: 'resource_not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
