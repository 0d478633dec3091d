/**
 * The store's tables as Kysely sees them. One schema for SQLite and PostgreSQL:
 * JSON is stored as text (`*_json` values go through `toJson`/`fromJson`),
 * timestamps as ISO-8601 UTC text (`2026-01-02T03:04:05.678Z`, which sorts as
 * time does), booleans as integers 0/1. See store/migrations.ts for the DDL.
 */
import type { Generated } from 'kysely';
import type { FindingStatus } from '../engine/findings/lifecycle.js';

export type { FindingStatus };
export type ScanStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'partial';

export interface ScansTable {
  id: Generated<number>;
  target: string;
  status: ScanStatus;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  /** JSON: the inventory sources (collectors/schema Source[]). */
  sources: string;
  bundle_name: string | null;
  bundle_version: string | null;
  bundle_digest: string | null;
  /** JSON: ScanCounts. */
  counts: string | null;
  duration_ms: number | null;
  error: string | null;
  pid: number | null;
  host: string | null;
  /** Random per process (migration 0002): tells a reused pid from the process that ran the scan. */
  instance: string | null;
  heartbeat_at: string | null;
}

/** One row per target while a scan of it runs: the primary key makes a second scan of the target fail. */
export interface ScanLocksTable {
  target: string;
  scan_id: number;
  acquired_at: string;
}

export interface ScanResourcesTable {
  scan_id: number;
  resource_id: string;
  provider: string;
  type: string;
  account: string;
  region: string;
  name: string;
  /** JSON object. */
  tags: string;
  /** JSON object: the resource's native configuration. */
  config: string;
}

export interface ScanResultsTable {
  scan_id: number;
  rule_id: string;
  resource_id: string;
  resource_type: string;
  provider: string;
  account: string;
  region: string;
  status: 'PASS' | 'FAIL' | 'ERROR';
  severity: string;
  /** FAIL: the deny message; ERROR: the error. Null for PASS. */
  message: string | null;
  /** JSON array, FAIL only. */
  evidence: string | null;
}

export interface FindingsTable {
  rule_id: string;
  resource_id: string;
  target: string;
  provider: string;
  account: string;
  region: string;
  resource_type: string;
  severity: string;
  status: FindingStatus;
  first_seen: string;
  last_seen: string;
  first_scan_id: number;
  last_scan_id: number;
  resolved_at: string | null;
  message: string | null;
  /** JSON array. */
  evidence: string | null;
  suppressed_by: string | null;
}

export interface FindingTransitionsTable {
  scan_id: number;
  rule_id: string;
  resource_id: string;
  from_status: FindingStatus | null;
  to_status: FindingStatus;
  at: string;
  /** Why, when it is not a plain FAIL or PASS: `exception_expired`, `not_reported`, `resource_gone`. */
  reason: string | null;
}

export interface ScanScoresTable {
  scan_id: number;
  /** `account` (key `<provider>:<account>`), `provider`, `framework`, `overall` (key `all`). */
  dimension: string;
  key: string;
  score: number | null;
  passed: number;
  failed: number;
}

export interface ExceptionsTable {
  id: string;
  rule_id: string | null;
  resource_id: string | null;
  account: string | null;
  tag_key: string | null;
  tag_value: string | null;
  owner: string;
  reason: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface ExceptionAuditTable {
  id: Generated<number>;
  exception_id: string;
  action: 'create' | 'expire' | 'revoke' | 'update';
  actor: string;
  at: string;
  before: string | null;
  after: string | null;
}

export interface BundlesTable {
  name: string;
  created_at: string;
  active_version: string | null;
}

export interface BundleVersionsTable {
  name: string;
  version: string;
  digest: string;
  size: number;
  /** The archive bytes (bytes or path, not both). */
  content: Uint8Array | null;
  path: string | null;
  signed: number;
  /** JSON: the bundle's .manifest. */
  manifest: string;
  published_at: string;
  published_by: string | null;
}

export interface BundleActivationsTable {
  id: Generated<number>;
  name: string;
  version: string;
  previous_version: string | null;
  activated_at: string;
  activated_by: string | null;
}

export interface DecisionLogsTable {
  decision_id: string;
  path: string;
  /** JSON, masked before storage; null when the request had no input. */
  input: string | null;
  /** JSON; null when the result was undefined. */
  result: string | null;
  /** JSON: bundle name → revision. */
  revisions: string;
  timestamp: string;
  latency_us: number;
  error: string | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  /** hex sha-256 of the secret part of the token; the token itself is never stored. */
  token_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: string;
  created_by: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AlertRulesTable {
  id: string;
  name: string;
  min_severity: string;
  /** JSON array of framework ids; empty means any. */
  frameworks: string;
  /** JSON array of transitions (`new`, `reopened`, …). */
  transitions: string;
  channel: string;
  /** JSON: channel configuration. */
  config: string;
  enabled: number;
  created_at: string;
}

export interface AlertDeliveriesTable {
  id: Generated<number>;
  alert_rule_id: string;
  /** One alert per finding transition: `<alert rule>/<scan>/<rule>/<resource>/<transition>`. */
  dedup_key: string;
  scan_id: number;
  rule_id: string;
  resource_id: string;
  transition: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface SchedulesTable {
  id: string;
  target: string;
  cron: string;
  /** JSON: what to scan (sources, bundle). */
  spec: string;
  enabled: number;
  created_at: string;
  last_run_at: string | null;
  last_scan_id: number | null;
}

export interface Database {
  scans: ScansTable;
  scan_locks: ScanLocksTable;
  scan_resources: ScanResourcesTable;
  scan_results: ScanResultsTable;
  findings: FindingsTable;
  finding_transitions: FindingTransitionsTable;
  scan_scores: ScanScoresTable;
  exceptions: ExceptionsTable;
  exception_audit: ExceptionAuditTable;
  bundles: BundlesTable;
  bundle_versions: BundleVersionsTable;
  bundle_activations: BundleActivationsTable;
  decision_logs: DecisionLogsTable;
  api_tokens: ApiTokensTable;
  alert_rules: AlertRulesTable;
  alert_deliveries: AlertDeliveriesTable;
  schedules: SchedulesTable;
}
