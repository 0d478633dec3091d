/**
 * The store's migrations: one list for SQLite and PostgreSQL, written with
 * Kysely's schema builder. The only dialect-specific choices are the
 * auto-increment key and the binary column type, both through `Types` below.
 * Migrations are append-only: never edit one that has shipped, add the next.
 */
import type { Kysely, Migration, MigrationProvider, CreateTableBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

interface Types {
  /** Adds an auto-increment integer primary key column. */
  serialKey<T extends string>(table: CreateTableBuilder<T, never>, column: string): CreateTableBuilder<T, never>;
  binary: 'blob' | 'bytea';
}

function types(dialect: Dialect): Types {
  return {
    serialKey: (table, column) =>
      dialect === 'postgres'
        ? table.addColumn(column, 'serial', (c) => c.primaryKey())
        : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement()),
    binary: dialect === 'postgres' ? 'bytea' : 'blob',
  };
}

function initial(t: Types): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await t
        .serialKey(db.schema.createTable('scans'), 'id')
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull().defaultTo('cli'))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('sources', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('bundle_name', 'text')
        .addColumn('bundle_version', 'text')
        .addColumn('bundle_digest', 'text')
        .addColumn('counts', 'text')
        .addColumn('duration_ms', 'integer')
        .addColumn('error', 'text')
        .addColumn('pid', 'integer')
        .addColumn('host', 'text')
        .addColumn('heartbeat_at', 'text')
        .execute();
      await db.schema.createIndex('scans_target_id').on('scans').columns(['target', 'id']).execute();
      await db.schema.createIndex('scans_status').on('scans').column('status').execute();

      await db.schema
        .createTable('scan_locks')
        .addColumn('target', 'text', (c) => c.primaryKey())
        .addColumn('scan_id', 'integer', (c) => c.notNull())
        .addColumn('acquired_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('scan_resources')
        .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
        .addPrimaryKeyConstraint('scan_resources_pk', ['scan_id', 'resource_id'])
        .execute();
      await db.schema.createIndex('scan_resources_account').on('scan_resources').columns(['scan_id', 'provider', 'account']).execute();

      await db.schema
        .createTable('scan_results')
        .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('resource_type', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('evidence', 'text')
        .addPrimaryKeyConstraint('scan_results_pk', ['scan_id', 'rule_id', 'resource_id'])
        .execute();
      await db.schema.createIndex('scan_results_status').on('scan_results').columns(['scan_id', 'status']).execute();

      await db.schema
        .createTable('findings')
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('resource_type', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addColumn('first_scan_id', 'integer', (c) => c.notNull())
        .addColumn('last_scan_id', 'integer', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('message', 'text')
        .addColumn('evidence', 'text')
        .addColumn('suppressed_by', 'text')
        .addPrimaryKeyConstraint('findings_pk', ['rule_id', 'resource_id'])
        .execute();
      await db.schema.createIndex('findings_status').on('findings').columns(['status', 'target']).execute();
      await db.schema.createIndex('findings_account').on('findings').columns(['provider', 'account']).execute();

      await db.schema
        .createTable('finding_transitions')
        .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('finding_transitions_pk', ['scan_id', 'rule_id', 'resource_id'])
        .execute();
      await db.schema.createIndex('finding_transitions_key').on('finding_transitions').columns(['rule_id', 'resource_id']).execute();

      await db.schema
        .createTable('scan_scores')
        .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
        .addColumn('dimension', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision')
        .addColumn('passed', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('scan_scores_pk', ['scan_id', 'dimension', 'key'])
        .execute();

      await db.schema
        .createTable('exceptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rule_id', 'text')
        .addColumn('resource_id', 'text')
        .addColumn('account', 'text')
        .addColumn('tag_key', 'text')
        .addColumn('tag_value', 'text')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .execute();

      await t
        .serialKey(db.schema.createTable('exception_audit'), 'id')
        .addColumn('exception_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .execute();
      await db.schema.createIndex('exception_audit_exception').on('exception_audit').column('exception_id').execute();

      await db.schema
        .createTable('bundles')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('active_version', 'text')
        .execute();

      await db.schema
        .createTable('bundle_versions')
        .addColumn('name', 'text', (c) => c.notNull().references('bundles.name'))
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content', t.binary)
        .addColumn('path', 'text')
        .addColumn('signed', 'integer', (c) => c.notNull())
        .addColumn('manifest', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text')
        .addPrimaryKeyConstraint('bundle_versions_pk', ['name', 'version'])
        .execute();

      await t
        .serialKey(db.schema.createTable('bundle_activations'), 'id')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('previous_version', 'text')
        .addColumn('activated_at', 'text', (c) => c.notNull())
        .addColumn('activated_by', 'text')
        .execute();

      await db.schema
        .createTable('decision_logs')
        .addColumn('decision_id', 'text', (c) => c.primaryKey())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('input', 'text')
        .addColumn('result', 'text')
        .addColumn('revisions', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('timestamp', 'text', (c) => c.notNull())
        .addColumn('latency_us', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('decision_logs_timestamp').on('decision_logs').column('timestamp').execute();
      await db.schema.createIndex('decision_logs_path').on('decision_logs').columns(['path', 'timestamp']).execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('alert_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('min_severity', 'text', (c) => c.notNull())
        .addColumn('frameworks', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('transitions', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await t
        .serialKey(db.schema.createTable('alert_deliveries'), 'id')
        .addColumn('alert_rule_id', 'text', (c) => c.notNull())
        .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
        .addColumn('scan_id', 'integer', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('transition', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema.createIndex('alert_deliveries_due').on('alert_deliveries').columns(['status', 'next_attempt_at']).execute();

      await db.schema
        .createTable('schedules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('target', 'text', (c) => c.notNull().unique())
        .addColumn('cron', 'text', (c) => c.notNull())
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_run_at', 'text')
        .addColumn('last_scan_id', 'integer')
        .execute();
    },
  };
}

/** Which process runs a scan, beyond host and pid (pids are reused, e.g. a container's pid 1). */
const scanInstance: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('scans').addColumn('instance', 'text').execute();
  },
};

/** The static provider the Migrator runs: migration names sort in the order they apply. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  const t = types(dialect);
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return { '0001_initial': initial(t), '0002_scan_instance': scanInstance };
    },
  };
}
