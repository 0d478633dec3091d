/** The terminal summary of an evaluation: outcomes, failures by severity, compliance by framework. */
import { SEVERITIES } from '../bundle/types.js';
import type { RollupResult } from './rollup.js';

export interface SummaryExtras {
  resources: number;
  invalid: number;
  durationMs: number;
  bundle: string;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

export function formatSummary(rollup: RollupResult, extras: SummaryExtras): string {
  const { totals } = rollup;
  const lines = [
    `Bundle ${extras.bundle}: ${extras.resources} resources evaluated in ${(extras.durationMs / 1000).toFixed(1)} s` +
      (extras.invalid ? ` (${extras.invalid} invalid inventory records, reported as ERROR)` : ''),
    `Outcomes: ${totals.PASS} passed, ${totals.FAIL} failed, ${totals.ERROR} errors`,
    '',
    'Failed by severity',
    table([['severity', 'failed'], ...SEVERITIES.map((s) => [s, String(rollup.failedBySeverity[s])])]),
    '',
    'Compliance by framework',
    table([
      ['framework', 'passed', 'failed', 'error', 'no resources', 'not covered', 'manual', 'score'],
      ...rollup.frameworks.map((f) => [
        `${f.id}`, String(f.counts.passed), String(f.counts.failed), String(f.counts.error), String(f.counts.no_resources),
        String(f.counts.not_covered), String(f.counts.manual), f.score === null ? '-' : `${f.score}%`,
      ]),
    ]),
  ];
  return lines.join('\n') + '\n';
}
