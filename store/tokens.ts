/**
 * API tokens. A token reads `ppt_<id>_<secret>`: the id finds the row, the
 * secret is 32 random bytes (base64url). Only the sha-256 of the whole token
 * is stored; the token is shown once, when created. Verification compares the
 * hashes in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ParapetError } from '../common/errors.js';
import { fromJson, nowIso, toJson, type DB } from './db.js';
import type { ApiTokensTable } from './schema.js';

/** Scopes a token can carry; `admin` grants every other one. */
export const TOKEN_SCOPES = [
  'evaluate',
  'bundles:read',
  'bundles:write',
  'logs:read',
  'scans:read',
  'scans:write',
  'exceptions:write',
  'admin',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface TokenInfo {
  id: string;
  name: string;
  scopes: TokenScope[];
  created_at: string;
  created_by: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedToken extends TokenInfo {
  /** The token itself: shown once, never stored. */
  token: string;
}

const TOKEN_RE = /^ppt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function toInfo(row: ApiTokensTable): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    scopes: fromJson<TokenScope[]>(row.scopes, []),
    created_at: row.created_at,
    created_by: row.created_by,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}

export function parseScopes(list: string | readonly string[]): TokenScope[] {
  const scopes = (typeof list === 'string' ? list.split(',') : [...list]).map((s) => s.trim()).filter(Boolean);
  if (scopes.length === 0) throw new ParapetError('token_invalid', `a token needs at least one scope (${TOKEN_SCOPES.join(', ')})`);
  for (const s of scopes) {
    if (!(TOKEN_SCOPES as readonly string[]).includes(s)) {
      throw new ParapetError('token_invalid', `unknown scope ${JSON.stringify(s)}; known scopes: ${TOKEN_SCOPES.join(', ')}`);
    }
  }
  return [...new Set(scopes)] as TokenScope[];
}

/** Whether a token's scopes grant `scope` (`admin` grants all). */
export function hasScope(token: Pick<TokenInfo, 'scopes'>, scope: TokenScope): boolean {
  return token.scopes.includes('admin') || token.scopes.includes(scope);
}

export class TokenRepository {
  constructor(private readonly db: DB) {}

  async create(input: { name: string; scopes: string | readonly string[]; createdBy?: string }): Promise<CreatedToken> {
    if (!input.name || !input.name.trim()) throw new ParapetError('token_invalid', 'a token needs a name');
    const scopes = parseScopes(input.scopes);
    const id = randomBytes(8).toString('hex');
    const token = `ppt_${id}_${randomBytes(32).toString('base64url')}`;
    const row: ApiTokensTable = {
      id,
      name: input.name.trim(),
      token_hash: hashToken(token),
      scopes: toJson(scopes),
      created_at: nowIso(),
      created_by: input.createdBy ?? null,
      last_used_at: null,
      revoked_at: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return { ...toInfo(row), token };
  }

  async list(options: { includeRevoked?: boolean } = {}): Promise<TokenInfo[]> {
    let query = this.db.selectFrom('api_tokens').selectAll();
    if (!options.includeRevoked) query = query.where('revoked_at', 'is', null);
    return (await query.orderBy('created_at').orderBy('id').execute()).map(toInfo);
  }

  async revoke(id: string): Promise<TokenInfo> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new ParapetError('token_not_found', `no token ${id}`);
    if (row.revoked_at) throw new ParapetError('token_revoked', `token ${id} was already revoked at ${row.revoked_at}`);
    const revoked_at = nowIso();
    await this.db.updateTable('api_tokens').set({ revoked_at }).where('id', '=', id).execute();
    return toInfo({ ...row, revoked_at });
  }

  /** The token's record when the token is valid and not revoked; undefined otherwise. */
  async verify(token: string): Promise<TokenInfo | undefined> {
    const match = TOKEN_RE.exec(token);
    if (!match) return undefined;
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', match[1]!).executeTakeFirst();
    if (!row || row.revoked_at) return undefined;
    const presented = Buffer.from(hashToken(token), 'hex');
    const stored = Buffer.from(row.token_hash, 'hex');
    if (stored.length !== presented.length || !timingSafeEqual(stored, presented)) return undefined;
    const now = nowIso();
    // Record use at most once a minute, to keep verification read-mostly.
    if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return toInfo(row);
  }
}
