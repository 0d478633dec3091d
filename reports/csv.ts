/** Findings as CSV (RFC 4180), one row a finding, streamed. */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Findings, ReportContext } from './types.js';
import { ruleIndex } from './types.js';

const COLUMNS = [
  'rule_id', 'title', 'severity', 'status', 'lifecycle', 'suppressed', 'provider', 'account', 'region',
  'resource_type', 'resource_id', 'message', 'frameworks', 'remediation', 'first_seen', 'last_seen',
] as const;

export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // Quote when needed; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function writeCsv(context: ReportContext, findings: Findings, out: Writable): Promise<number> {
  const rules = ruleIndex(context);
  let rows = 0;
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(COLUMNS.join(',') + '\r\n');
  for await (const f of findings) {
    const rule = rules.get(f.rule_id);
    const frameworks = rule
      ? Object.entries(rule.frameworks).map(([fw, ids]) => `${fw}:${ids.join('|')}`).join('; ')
      : '';
    const row = [
      f.rule_id, rule?.title, f.severity, f.status, f.lifecycle, f.suppressed ? `${f.suppressed.exception_id} (${f.suppressed.owner})` : '',
      f.provider, f.account, f.region, f.resource_type, f.resource_id, f.message, frameworks, rule?.remediation.text,
      f.first_seen, f.last_seen,
    ];
    await write(row.map(csvField).join(',') + '\r\n');
    rows++;
  }
  return rows;
}
