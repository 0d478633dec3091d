/**
 * From a scan's finding transitions to delivered alerts. `queueScanAlerts`
 * matches every transition of a scan against the alert rules and queues one
 * delivery per (alert rule, transition); `deliverDue` sends what is due,
 * retrying failures with exponential backoff and jitter until `maxAttempts`.
 */
import { errorMessage } from '../common/errors.js';
import { SEVERITIES, type Severity } from '../engine/bundle/types.js';
import type { Store } from '../store/index.js';
import { AlertRepository, dedupKey, type AlertRule, type NewDelivery } from '../store/alerts.js';
import { SENDERS, type AlertMessage, type Sender } from './channels.js';

export interface RuleInfo {
  title?: string;
  /** Framework ids the rule reports on. */
  frameworks: string[];
}

function atLeast(severity: string, min: string): boolean {
  const rank = (s: string) => SEVERITIES.indexOf(s as Severity);
  return rank(severity) !== -1 && rank(severity) <= rank(min);
}

export function matches(rule: AlertRule, transition: string, severity: string, frameworks: string[]): boolean {
  if (!rule.enabled || !rule.transitions.includes(transition) || !atLeast(severity, rule.min_severity)) return false;
  return rule.frameworks.length === 0 || rule.frameworks.some((f) => frameworks.includes(f));
}

export async function queueScanAlerts(store: Store, scanId: number, rules: Map<string, RuleInfo>): Promise<number> {
  const alerts = new AlertRepository(store.db);
  const alertRules = (await alerts.listRules()).filter((r) => r.enabled);
  if (alertRules.length === 0) return 0;
  const queued: NewDelivery[] = [];
  for (const t of await store.findings.transitions({ scanId })) {
    const finding = await store.findings.get(t.rule_id, t.resource_id);
    if (!finding || finding.suppressed_by) continue;
    const frameworks = rules.get(t.rule_id)?.frameworks ?? [];
    for (const rule of alertRules) {
      if (matches(rule, t.to, finding.severity, frameworks)) {
        queued.push({ alert_rule_id: rule.id, scan_id: scanId, rule_id: t.rule_id, resource_id: t.resource_id, transition: t.to });
      }
    }
  }
  return alerts.enqueue(queued);
}

export interface DeliverOptions {
  now?: () => Date;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, with up to 50 % jitter. */
  baseDelayMs?: number;
  senders?: Partial<Record<AlertRule['channel'], Sender>>;
  rules?: Map<string, RuleInfo>;
}

export async function deliverDue(store: Store, options: DeliverOptions = {}): Promise<{ sent: number; failed: number; retrying: number }> {
  const alerts = new AlertRepository(store.db);
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  const senders = { ...SENDERS, ...options.senders };
  const byId = new Map((await alerts.listRules()).map((r) => [r.id, r]));
  const result = { sent: 0, failed: 0, retrying: 0 };
  for (const delivery of await alerts.due(now().toISOString())) {
    const rule = byId.get(delivery.alert_rule_id);
    const finding = await store.findings.get(delivery.rule_id, delivery.resource_id);
    if (!rule || !finding) {
      await alerts.markFailed(delivery.id, rule ? 'the finding no longer exists' : 'the alert rule no longer exists', null);
      result.failed++;
      continue;
    }
    const info = options.rules?.get(delivery.rule_id);
    const message: AlertMessage = {
      event: `finding.${delivery.transition}` as AlertMessage['event'],
      id: dedupKey(delivery),
      scan_id: delivery.scan_id,
      at: now().toISOString(),
      finding: {
        rule_id: finding.rule_id, title: info?.title, severity: finding.severity, resource_id: finding.resource_id,
        resource_type: finding.resource_type, provider: finding.provider, account: finding.account, region: finding.region,
        message: finding.message, first_seen: finding.first_seen, frameworks: info?.frameworks ?? [],
      },
    };
    try {
      await senders[rule.channel](message, rule.config);
      await alerts.markSent(delivery.id);
      result.sent++;
    } catch (err) {
      const attempt = delivery.attempts + 1;
      if (attempt >= maxAttempts) {
        await alerts.markFailed(delivery.id, errorMessage(err), null);
        result.failed++;
      } else {
        const delay = baseDelayMs * 2 ** (attempt - 1) * (1 + Math.random() * 0.5);
        await alerts.markFailed(delivery.id, errorMessage(err), new Date(now().getTime() + delay).toISOString());
        result.retrying++;
      }
    }
  }
  return result;
}
