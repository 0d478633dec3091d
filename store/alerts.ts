/**
 * Alert rules and their deliveries. A delivery is keyed by
 * `<alert rule>/<scan>/<rule>/<resource>/<transition>` (unique), which is what
 * makes it one alert per finding transition however often a scan is replayed.
 */
import { randomUUID } from 'node:crypto';
import { ParapetError } from '../common/errors.js';
import { fromJson, nowIso, toJson, type DB } from './db.js';

export type AlertChannel = 'webhook' | 'slack' | 'email';

export interface AlertRule {
  id: string;
  name: string;
  min_severity: string;
  frameworks: string[];
  transitions: string[];
  channel: AlertChannel;
  config: Record<string, unknown>;
  enabled: boolean;
  created_at: string;
}

export interface PendingDelivery {
  id: number;
  alert_rule_id: string;
  dedup_key: string;
  scan_id: number;
  rule_id: string;
  resource_id: string;
  transition: string;
  attempts: number;
}

export interface NewDelivery {
  alert_rule_id: string;
  scan_id: number;
  rule_id: string;
  resource_id: string;
  transition: string;
}

export function dedupKey(d: NewDelivery): string {
  return [d.alert_rule_id, d.scan_id, d.rule_id, d.resource_id, d.transition].join('/');
}

export class AlertRepository {
  constructor(private readonly db: DB) {}

  async createRule(input: Omit<AlertRule, 'id' | 'created_at' | 'enabled'> & { enabled?: boolean }): Promise<AlertRule> {
    if (!['webhook', 'slack', 'email'].includes(input.channel)) {
      throw new ParapetError('alert_invalid', `unknown alert channel "${input.channel}" (webhook, slack or email)`);
    }
    const rule: AlertRule = { ...input, enabled: input.enabled ?? true, id: randomUUID(), created_at: nowIso() };
    await this.db
      .insertInto('alert_rules')
      .values({
        id: rule.id, name: rule.name, min_severity: rule.min_severity, frameworks: toJson(rule.frameworks),
        transitions: toJson(rule.transitions), channel: rule.channel, config: toJson(rule.config),
        enabled: rule.enabled ? 1 : 0, created_at: rule.created_at,
      })
      .execute();
    return rule;
  }

  async listRules(): Promise<AlertRule[]> {
    const rows = await this.db.selectFrom('alert_rules').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({
      ...r,
      channel: r.channel as AlertChannel,
      frameworks: fromJson<string[]>(r.frameworks, []),
      transitions: fromJson<string[]>(r.transitions, []),
      config: fromJson<Record<string, unknown>>(r.config, {}),
      enabled: Number(r.enabled) === 1,
    }));
  }

  /** Queues deliveries; a transition already queued for the rule is ignored. Returns how many were new. */
  async enqueue(deliveries: NewDelivery[]): Promise<number> {
    let added = 0;
    const now = nowIso();
    for (const d of deliveries) {
      const result = await this.db
        .insertInto('alert_deliveries')
        .values({ ...d, dedup_key: dedupKey(d), status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, created_at: now, delivered_at: null })
        .onConflict((oc) => oc.column('dedup_key').doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async due(now: string, limit = 100): Promise<PendingDelivery[]> {
    const rows = await this.db
      .selectFrom('alert_deliveries')
      .select(['id', 'alert_rule_id', 'dedup_key', 'scan_id', 'rule_id', 'resource_id', 'transition', 'attempts'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), scan_id: Number(r.scan_id), attempts: Number(r.attempts) }));
  }

  async markSent(id: number): Promise<void> {
    await this.db.updateTable('alert_deliveries').set((eb) => ({ status: 'sent', delivered_at: nowIso(), attempts: eb('attempts', '+', 1), last_error: null })).where('id', '=', id).execute();
  }

  /** Records a failed attempt: retried at `nextAttemptAt`, or given up when it is null. */
  async markFailed(id: number, error: string, nextAttemptAt: string | null): Promise<void> {
    await this.db
      .updateTable('alert_deliveries')
      .set((eb) => ({ status: nextAttemptAt ? 'pending' : 'failed', next_attempt_at: nextAttemptAt, last_error: error.slice(0, 1000), attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async deliveries(): Promise<Array<{ dedup_key: string; status: string; attempts: number; last_error: string | null }>> {
    const rows = await this.db.selectFrom('alert_deliveries').select(['dedup_key', 'status', 'attempts', 'last_error']).orderBy('id').execute();
    return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
  }
}
