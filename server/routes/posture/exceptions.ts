/**
 * Exceptions (accepted risks): list, create (created_by is the token's name),
 * expire, and the audit trail. An exception created here marks the active
 * findings it covers suppressed at once, as the next scan would; expiring one
 * takes effect at the next scan, which shows those findings reopened.
 */
import type { FastifyInstance } from 'fastify';
import { nowIso } from '../../../store/db.js';
import { isActiveAt, scopeMatcher, type ExceptionRecord } from '../../../store/exceptions.js';
import type { ServerContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { errors } from './shared.js';

const scopeSchema = {
  type: 'object',
  properties: {
    rule: { type: 'string' },
    resource: { type: 'string' },
    account: { type: 'string' },
    tag: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } } },
  },
} as const;

const exceptionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    scope: scopeSchema,
    owner: { type: 'string' },
    reason: { type: 'string' },
    created_by: { type: 'string' },
    created_at: { type: 'string' },
    expires_at: { type: 'string' },
    revoked_at: { type: ['string', 'null'] },
    revoked_by: { type: ['string', 'null'] },
    active: { type: 'boolean' },
    suppressing: { type: 'integer' },
  },
} as const;

const auditSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    exception_id: { type: 'string' },
    action: { type: 'string' },
    actor: { type: 'string' },
    at: { type: 'string' },
    before: { ...exceptionSchema, type: ['object', 'null'] },
    after: { ...exceptionSchema, type: ['object', 'null'] },
  },
} as const;

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;

interface CreateBody {
  rule?: string;
  resource?: string;
  account?: string;
  tag?: { key: string; value?: string };
  owner: string;
  reason: string;
  expires_at: string;
}

/** Marks the active, unsuppressed findings an exception covers as suppressed by it; returns how many. */
export async function applyException(ctx: ServerContext, exception: ExceptionRecord): Promise<number> {
  const { db } = ctx.store;
  const { scope } = exception;
  const exact = (v: string | undefined) => (v !== undefined && !v.includes('*') ? v : undefined);
  const rule = exact(scope.rule);
  const resource = exact(scope.resource);
  let query = db
    .selectFrom('findings as f')
    .leftJoin('scan_resources as r', (join) => join.onRef('r.scan_id', '=', 'f.last_scan_id').onRef('r.resource_id', '=', 'f.resource_id'))
    .select(['f.rule_id', 'f.resource_id', 'f.account', 'r.tags'])
    .where('f.status', '!=', 'resolved')
    .where('f.suppressed_by', 'is', null);
  if (rule) query = query.where('f.rule_id', '=', rule);
  if (resource) query = query.where('f.resource_id', '=', resource);
  if (scope.account) query = query.where('f.account', '=', scope.account);
  const matches = scopeMatcher(scope);
  const covered = (await query.execute()).filter((f) =>
    matches({ rule_id: f.rule_id, resource_id: f.resource_id, account: f.account, tags: f.tags ? (JSON.parse(f.tags) as Record<string, string>) : {} }),
  );
  await db.transaction().execute(async (trx) => {
    for (const f of covered) {
      await trx
        .updateTable('findings')
        .set({ suppressed_by: exception.id })
        .where('rule_id', '=', f.rule_id)
        .where('resource_id', '=', f.resource_id)
        .where('suppressed_by', 'is', null)
        .execute();
    }
  });
  return covered.length;
}

export function exceptionRoutes(ctx: ServerContext) {
  const describe = async (e: ExceptionRecord, now: string) => {
    const n = await ctx.store.db.selectFrom('findings').select((eb) => eb.fn.countAll().as('n')).where('suppressed_by', '=', e.id).where('status', '!=', 'resolved').executeTakeFirst();
    return { ...e, active: isActiveAt(e, now), suppressing: Number(n?.n ?? 0) };
  };

  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { active?: string } }>(
      '/v1/exceptions',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['exceptions'],
          summary: 'Exceptions, newest first, with whether each is active and how many findings it suppresses',
          querystring: { type: 'object', additionalProperties: false, properties: { active: { type: 'string', enum: ['true', 'false'] } } },
          response: { 200: { type: 'object', properties: { exceptions: { type: 'array', items: exceptionSchema } } }, ...errors },
        },
      },
      async (request) => {
        const now = nowIso();
        let list = await ctx.store.exceptions.list();
        if (request.query.active) list = list.filter((e) => isActiveAt(e, now) === (request.query.active === 'true'));
        return { exceptions: await Promise.all(list.map((e) => describe(e, now))) };
      },
    );

    app.post<{ Body: CreateBody }>(
      '/v1/exceptions',
      {
        config: { scope: 'exceptions:write' },
        schema: {
          tags: ['exceptions'],
          summary: 'Accept a risk: a scope (rule, resource, account, tag; `*` wildcards in rule and resource), owner, reason and expiry',
          body: {
            type: 'object',
            required: ['owner', 'reason', 'expires_at'],
            additionalProperties: false,
            properties: {
              rule: text(512),
              resource: text(2048),
              account: text(256),
              tag: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: text(256), value: { type: 'string', maxLength: 512 } } },
              owner: text(256),
              reason: text(4000),
              expires_at: { type: 'string', minLength: 1, maxLength: 64, description: 'ISO-8601 date or time in the future' },
            },
          },
          response: { 201: exceptionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { expires_at, ...rest } = request.body;
        const created = await ctx.store.exceptions.create({ ...rest, expiresAt: expires_at, createdBy: request.principal!.name });
        await applyException(ctx, created);
        request.log.info({ exception: created.id, by: created.created_by }, 'exception created');
        return reply.status(201).header('location', `/v1/exceptions/${created.id}`).send(await describe(created, nowIso()));
      },
    );

    const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^exc_[0-9a-f]{12}$' } } } as const;

    app.post<{ Params: { id: string } }>(
      '/v1/exceptions/:id/expire',
      {
        config: { scope: 'exceptions:write' },
        schema: {
          tags: ['exceptions'],
          summary: 'Expire an exception now: it stops suppressing at the next scan, which shows its findings reopened',
          params: idParams,
          response: { 200: exceptionSchema, ...errors },
        },
      },
      async (request) => {
        const expired = await ctx.store.exceptions.expire(request.params.id, request.principal!.name).catch((err: unknown) => {
          if ((err as { code?: string }).code === 'exception_expired') throw new ApiError(409, 'exception_expired', (err as Error).message);
          throw err;
        });
        return describe(expired, nowIso());
      },
    );

    app.get<{ Params: { id: string } }>(
      '/v1/exceptions/:id/audit',
      {
        config: { scope: 'scans:read' },
        schema: {
          tags: ['exceptions'],
          summary: 'The audit trail of an exception, oldest first',
          params: idParams,
          response: { 200: { type: 'object', properties: { audit: { type: 'array', items: auditSchema } } }, ...errors },
        },
      },
      async (request) => {
        await ctx.store.exceptions.get(request.params.id);
        return { audit: await ctx.store.exceptions.audit(request.params.id) };
      },
    );
  };
}
