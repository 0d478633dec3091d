/**
 * Compliance roll-up per framework and control, accumulated outcome by outcome (counts
 * only, never outcome arrays), then resolved against the bundle's frameworks:
 * failed (any FAIL) > error (any ERROR) > passed (any PASS) > no_resources; controls no
 * rule of the bundle maps to are not_covered (automated) or manual.
 */
import { SEVERITIES, type ParapetMetadata, type Severity } from '../bundle/types.js';
import type { ControlResult, ControlStatus, FrameworkSummary, Outcome, Status } from './types.js';

type Counts = Record<Status, number>;

export interface RollupResult {
  totals: Counts;
  /** FAIL outcomes by rule severity. */
  failedBySeverity: Record<Severity, number>;
  frameworks: FrameworkSummary[];
}

export class Rollup {
  private readonly byRule = new Map<string, Counts>();
  private readonly totals: Counts = { PASS: 0, FAIL: 0, ERROR: 0 };
  private readonly failedBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

  add(outcome: Outcome): void {
    let counts = this.byRule.get(outcome.rule_id);
    if (!counts) this.byRule.set(outcome.rule_id, (counts = { PASS: 0, FAIL: 0, ERROR: 0 }));
    counts[outcome.status]++;
    this.totals[outcome.status]++;
    if (outcome.status === 'FAIL') this.failedBySeverity[outcome.severity]++;
  }

  result(meta: ParapetMetadata): RollupResult {
    const rulesByControl = new Map<string, string[]>();
    for (const rule of meta.rules) {
      for (const [framework, controls] of Object.entries(rule.frameworks)) {
        for (const control of controls) {
          const key = `${framework}\u0000${control}`;
          rulesByControl.set(key, [...(rulesByControl.get(key) ?? []), rule.id]);
        }
      }
    }
    const frameworks = Object.entries(meta.frameworks).map(([id, fw]): FrameworkSummary => {
      const counts = { passed: 0, failed: 0, error: 0, not_covered: 0, manual: 0, no_resources: 0 } as Record<ControlStatus, number>;
      // Withdrawn controls (NIST moves them elsewhere) are no longer part of the framework.
      const controls = fw.controls.filter((c) => !c.withdrawn).map((c): ControlResult => {
        const rules = rulesByControl.get(`${id}\u0000${c.id}`) ?? [];
        const sum: Counts = { PASS: 0, FAIL: 0, ERROR: 0 };
        for (const r of rules) {
          const rc = this.byRule.get(r);
          if (rc) for (const s of ['PASS', 'FAIL', 'ERROR'] as const) sum[s] += rc[s];
        }
        const status: ControlStatus =
          rules.length === 0 ? (c.automated ? 'not_covered' : 'manual')
          : sum.FAIL > 0 ? 'failed'
          : sum.ERROR > 0 ? 'error'
          : sum.PASS > 0 ? 'passed'
          : 'no_resources';
        counts[status]++;
        return { id: c.id, title: c.title, section: c.section, automated: c.automated, status, rules, pass: sum.PASS, fail: sum.FAIL, error: sum.ERROR };
      });
      const decided = counts.passed + counts.failed + counts.error;
      const score = decided === 0 ? null : Math.round((counts.passed / decided) * 1000) / 10;
      return { id, name: fw.name, version: fw.version, controls, counts, score };
    });
    return { totals: { ...this.totals }, failedBySeverity: { ...this.failedBySeverity }, frameworks };
  }
}
