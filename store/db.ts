/**
 * Opening the store: a SQLite file (the default, `.data/parapet.db`) or a
 * PostgreSQL database when the location is a `postgres://` URL. Either way the
 * migrations run to the latest before anything else touches the database.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { ParapetError, errorMessage } from '../common/errors.js';
import { migrationProvider, type Dialect } from './migrations.js';
import type { Database } from './schema.js';

export type { Dialect };
export type DB = Kysely<Database>;

export const DEFAULT_DB_PATH = '.data/parapet.db';

export interface OpenOptions {
  /** A file path or a `postgres://` / `postgresql://` URL; defaults to `$PARAPET_DB`, then `.data/parapet.db`. */
  location?: string;
  /** PostgreSQL only: the schema to use (created when missing); isolates tests that share one database. */
  pgSchema?: string;
  /** Run pending migrations (default true). */
  migrate?: boolean;
}

export interface Connection {
  db: DB;
  dialect: Dialect;
  /** Where it points, with any password removed, for messages. */
  location: string;
  /** PostgreSQL: the schema the tables live in. */
  pgSchema?: string;
  close(): Promise<void>;
}

/** The store location the CLI and the server use: `--db`, else `$PARAPET_DB`, else the default file. */
export function storeLocation(flag?: string): string {
  return flag ?? process.env.PARAPET_DB ?? DEFAULT_DB_PATH;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

function redact(location: string): string {
  return isPostgresUrl(location) ? location.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : location;
}

export async function openConnection(options: OpenOptions = {}): Promise<Connection> {
  const location = storeLocation(options.location);
  const dialect: Dialect = isPostgresUrl(location) ? 'postgres' : 'sqlite';
  let db: DB;
  try {
    db = dialect === 'postgres' ? await openPostgres(location, options.pgSchema) : openSqlite(location);
  } catch (err) {
    throw new ParapetError('store_unavailable', `cannot open the store at ${redact(location)}: ${errorMessage(err)}`, { cause: err });
  }
  const connection: Connection = { db, dialect, location: redact(location), close: () => db.destroy() };
  if (dialect === 'postgres') {
    // Kysely looks for its migration tables in every schema unless told which one.
    const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    connection.pgSchema = current.rows[0]?.schema ?? 'public';
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(connection);
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }
  return connection;
}

function openSqlite(location: string): DB {
  const file = resolve(location);
  mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  // WAL: readers never block the writer and a killed writer leaves the file intact.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

async function openPostgres(url: string, schema?: string): Promise<DB> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new ParapetError('store_bad_schema', `invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  }
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Fail now, with the store's error, rather than at the first query.
  const probe = await pool.connect();
  probe.release();
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export async function migrateToLatest(connection: Connection): Promise<void> {
  const migrator = new Migrator({
    db: connection.db,
    provider: migrationProvider(connection.dialect),
    ...(connection.pgSchema ? { migrationTableSchema: connection.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new ParapetError('store_migration_failed', `migration ${failed ?? '?'} failed on ${connection.location}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

// ---- small shared helpers of the repositories ----

export function nowIso(): string {
  return new Date().toISOString();
}

export function toIso(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new ParapetError('bad_time', `not a date or time: ${JSON.stringify(value)}`);
  return date.toISOString();
}

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** A unique or primary-key violation, in either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** PostgreSQL returns count(*) and bigint as strings. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export { sql };
