/**
 * Runs store tests against both backends: a SQLite file in a temporary folder
 * and the real PostgreSQL of the test services (`.data/test-pg-url` or
 * `$PARAPET_TEST_PG_URL`), each in a fresh schema that is dropped afterwards.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fromRoot } from '../common/paths.js';
import { openStore, type Store, type StoreOptions } from '../store/index.js';
import type { Resource } from '../collectors/schema/inventory.js';
import type { Outcome } from '../engine/findings/types.js';

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

export function testPgUrl(): string {
  const fromEnv = process.env.PARAPET_TEST_PG_URL;
  if (fromEnv) return fromEnv;
  const file = fromRoot('.data', 'test-pg-url');
  if (!existsSync(file)) throw new Error('no test PostgreSQL: run scripts/ensure-test-services (writes .data/test-pg-url)');
  return readFileSync(file, 'utf8').trim();
}

export interface TestStore {
  store: Store;
  /** What to pass as `--db` / `location` to reach the same database from another process. */
  location: string;
  pgSchema?: string;
  /** Opens another connection to the same database. */
  reopen(options?: StoreOptions): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function makeStore(backend: Backend, options: StoreOptions = {}): Promise<TestStore> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-store-'));
    const location = join(dir, 'parapet.db');
    const store = await openStore({ ...options, location });
    return {
      store,
      location,
      reopen: (o = {}) => openStore({ ...options, ...o, location }),
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testPgUrl();
  const pgSchema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ ...options, location: url, pgSchema });
  return {
    store,
    // libpq's options parameter: the same schema from a child process.
    location: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${pgSchema}`)}`,
    pgSchema,
    reopen: (o = {}) => openStore({ ...options, ...o, location: url, pgSchema }),
    cleanup: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${pgSchema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

// ---- synthetic estates ----

export function resource(id: string, extra: Partial<Resource> = {}): Resource {
  return {
    id,
    provider: 'aws',
    type: 'AWS::S3::Bucket',
    account: '111111111111',
    region: 'us-east-1',
    name: id.split(':').pop() ?? id,
    tags: {},
    config: { BucketName: id },
    ...extra,
  };
}

export function outcome(rule: string, res: Resource | string, status: Outcome['status'], extra: Partial<Outcome> = {}): Outcome {
  const r = typeof res === 'string' ? resource(res) : res;
  const o: Outcome = {
    rule_id: rule,
    resource_id: r.id,
    resource_type: r.type,
    provider: r.provider,
    account: r.account,
    region: r.region,
    status,
    severity: 'high',
    ...extra,
  };
  if (status === 'FAIL' && o.message === undefined) o.message = `${r.id} fails ${rule}`;
  if (status === 'FAIL' && o.evidence === undefined) o.evidence = [{ value: false }];
  if (status === 'ERROR' && o.error === undefined) o.error = 'evaluation timed out';
  return o;
}

export const completeSource = { provider: 'aws' as const, scope: 'file:test', collector: 'test', started_at: '2026-01-01T00:00:00.000Z', complete: true };

/** Records one whole scan: start, resources, outcomes, finish. */
export async function runScan(
  store: Store,
  target: string,
  resources: Resource[],
  outcomes: Outcome[],
  options: { complete?: boolean } = {},
) {
  const scan = await store.scans.start({ target });
  await store.scans.addResources(scan.id, resources);
  await store.scans.addOutcomes(scan.id, outcomes);
  return store.scans.finish(scan.id, { sources: [{ ...completeSource, complete: options.complete ?? true }] });
}
