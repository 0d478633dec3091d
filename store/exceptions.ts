/**
 * Exceptions (accepted risks): a scope (rule, resource, account, tag — every
 * given part must match; `*` in a rule or resource id matches any characters),
 * an owner, a reason, who created it and when it expires. Exceptions are never
 * deleted; expiring or revoking one is a change, and every change is written
 * to exception_audit in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import { ParapetError } from '../common/errors.js';
import { fromJson, nowIso, toIso, toJson, type DB } from './db.js';
import type { ExceptionsTable } from './schema.js';

export interface ExceptionScope {
  rule?: string;
  resource?: string;
  account?: string;
  tag?: { key: string; value?: string };
}

export interface ExceptionInput extends ExceptionScope {
  owner: string;
  reason: string;
  createdBy: string;
  expiresAt: Date | string;
}

export interface ExceptionRecord {
  id: string;
  scope: ExceptionScope;
  owner: string;
  reason: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface AuditEntry {
  id: number;
  exception_id: string;
  action: 'create' | 'expire' | 'revoke' | 'update';
  actor: string;
  at: string;
  before: ExceptionRecord | null;
  after: ExceptionRecord | null;
}

/** What an exception is matched against: a failing outcome and its resource's tags. */
export interface Subject {
  rule_id: string;
  resource_id: string;
  account: string;
  tags: Record<string, string>;
}

function toRecord(row: ExceptionsTable): ExceptionRecord {
  const scope: ExceptionScope = {};
  if (row.rule_id !== null) scope.rule = row.rule_id;
  if (row.resource_id !== null) scope.resource = row.resource_id;
  if (row.account !== null) scope.account = row.account;
  if (row.tag_key !== null) scope.tag = row.tag_value === null ? { key: row.tag_key } : { key: row.tag_key, value: row.tag_value };
  const { id, owner, reason, created_by, created_at, expires_at, revoked_at, revoked_by } = row;
  return { id, scope, owner, reason, created_by, created_at, expires_at, revoked_at, revoked_by };
}

function wildcard(pattern: string): (value: string) => boolean {
  if (!pattern.includes('*')) return (value) => value === pattern;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (value) => re.test(value);
}

/** A predicate: does this exception's scope cover the subject? */
export function scopeMatcher(scope: ExceptionScope): (subject: Subject) => boolean {
  const rule = scope.rule === undefined ? undefined : wildcard(scope.rule);
  const resource = scope.resource === undefined ? undefined : wildcard(scope.resource);
  return (s) =>
    (!rule || rule(s.rule_id)) &&
    (!resource || resource(s.resource_id)) &&
    (scope.account === undefined || scope.account === s.account) &&
    (scope.tag === undefined ||
      (Object.hasOwn(s.tags, scope.tag.key) && (scope.tag.value === undefined || s.tags[scope.tag.key] === scope.tag.value)));
}

/** Whether the exception suppresses at time `at` (ISO): not revoked and not yet expired. */
export function isActiveAt(record: ExceptionRecord, at: string): boolean {
  return record.revoked_at === null && record.expires_at > at;
}

export class ExceptionRepository {
  constructor(private readonly db: DB) {}

  async create(input: ExceptionInput): Promise<ExceptionRecord> {
    for (const [field, value] of [['owner', input.owner], ['reason', input.reason], ['creator', input.createdBy]] as const) {
      if (!value || !value.trim()) throw new ParapetError('exception_invalid', `an exception needs a ${field}`);
    }
    if (!input.rule && !input.resource && !input.account && !input.tag) {
      throw new ParapetError('exception_invalid', 'an exception needs a scope: a rule, a resource, an account or a tag');
    }
    if (input.tag && !input.tag.key) throw new ParapetError('exception_invalid', 'a tag scope needs a key');
    let expiresAt: string;
    try {
      expiresAt = toIso(input.expiresAt);
    } catch {
      throw new ParapetError('exception_invalid', `invalid expiry ${JSON.stringify(input.expiresAt)}: use an ISO-8601 date or time`);
    }
    const createdAt = nowIso();
    if (expiresAt <= createdAt) throw new ParapetError('exception_invalid', `the expiry ${expiresAt} is not in the future`);
    const row: ExceptionsTable = {
      id: `exc_${randomBytes(6).toString('hex')}`,
      rule_id: input.rule ?? null,
      resource_id: input.resource ?? null,
      account: input.account ?? null,
      tag_key: input.tag?.key ?? null,
      tag_value: input.tag?.value ?? null,
      owner: input.owner.trim(),
      reason: input.reason.trim(),
      created_by: input.createdBy.trim(),
      created_at: createdAt,
      expires_at: expiresAt,
      revoked_at: null,
      revoked_by: null,
    };
    const record = toRecord(row);
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('exceptions').values(row).execute();
      await trx
        .insertInto('exception_audit')
        .values({ exception_id: row.id, action: 'create', actor: row.created_by, at: createdAt, before: null, after: toJson(record) })
        .execute();
    });
    return record;
  }

  async get(id: string): Promise<ExceptionRecord> {
    const row = await this.db.selectFrom('exceptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new ParapetError('exception_not_found', `no exception ${id}`);
    return toRecord(row);
  }

  /** Every exception, or only those suppressing at `activeAt` (ISO). Newest first. */
  async list(options: { activeAt?: string } = {}): Promise<ExceptionRecord[]> {
    let query = this.db.selectFrom('exceptions').selectAll();
    if (options.activeAt) query = query.where('revoked_at', 'is', null).where('expires_at', '>', options.activeAt);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** Ends an exception now (or at `at`): it stops suppressing at the next scan. */
  async expire(id: string, actor: string, at: string = nowIso()): Promise<ExceptionRecord> {
    return this.change(id, actor, 'expire', (before) => {
      if (before.expires_at <= at) throw new ParapetError('exception_expired', `exception ${id} already expired at ${before.expires_at}`);
      return { expires_at: at };
    });
  }

  async revoke(id: string, actor: string): Promise<ExceptionRecord> {
    return this.change(id, actor, 'revoke', (before) => {
      if (before.revoked_at) throw new ParapetError('exception_revoked', `exception ${id} was already revoked at ${before.revoked_at}`);
      return { revoked_at: nowIso(), revoked_by: actor };
    });
  }

  private async change(
    id: string,
    actor: string,
    action: 'expire' | 'revoke',
    update: (before: ExceptionRecord) => Partial<ExceptionsTable>,
  ): Promise<ExceptionRecord> {
    if (!actor || !actor.trim()) throw new ParapetError('exception_invalid', 'a change to an exception needs an actor');
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('exceptions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new ParapetError('exception_not_found', `no exception ${id}`);
      const before = toRecord(row);
      const changes = update(before);
      await trx.updateTable('exceptions').set(changes).where('id', '=', id).execute();
      const after = toRecord({ ...row, ...changes });
      await trx
        .insertInto('exception_audit')
        .values({ exception_id: id, action, actor, at: nowIso(), before: toJson(before), after: toJson(after) })
        .execute();
      return after;
    });
  }

  /** The audit trail, oldest first; of one exception or of all. */
  async audit(exceptionId?: string): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('exception_audit').selectAll();
    if (exceptionId) query = query.where('exception_id', '=', exceptionId);
    const rows = await query.orderBy('id').execute();
    return rows.map((r) => ({
      id: Number(r.id),
      exception_id: r.exception_id,
      action: r.action,
      actor: r.actor,
      at: r.at,
      before: fromJson<ExceptionRecord | null>(r.before, null),
      after: fromJson<ExceptionRecord | null>(r.after, null),
    }));
  }
}
