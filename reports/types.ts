/**
 * What a report is made of: the findings of one scan (or one `parapet eval`),
 * the rules that produced them, and the compliance roll-up. Every exporter
 * takes a ReportContext and an iterable of findings, so large scans stream.
 */
import type { Provider } from '../collectors/schema/inventory.js';
import type { RuleMetadata, Severity } from '../engine/bundle/types.js';
import type { FrameworkSummary, Status } from '../engine/findings/types.js';

export type Lifecycle = 'new' | 'open' | 'resolved' | 'reopened';

export interface ReportFinding {
  rule_id: string;
  resource_id: string;
  resource_type: string;
  provider: Provider;
  account: string;
  region: string;
  severity: Severity;
  /** The latest outcome. */
  status: Status;
  /** The finding's lifecycle across scans, when it comes from the store. */
  lifecycle?: Lifecycle;
  message?: string;
  evidence?: unknown[];
  first_seen?: string;
  last_seen?: string;
  /** Set when an exception suppresses the finding: it is kept and marked, never dropped. */
  suppressed?: { exception_id: string; owner: string; reason: string; expires_at: string };
}

export interface ReportContext {
  generated_at: string;
  title?: string;
  scan?: { id: number | string; target: string; started_at: string; finished_at?: string };
  bundle: { name: string; version: string; digest?: string };
  rules: RuleMetadata[];
  frameworks: FrameworkSummary[];
}

export type Findings = Iterable<ReportFinding> | AsyncIterable<ReportFinding>;

export const PRODUCT = { name: 'Parapet', vendor: 'Parapet', uri: 'https://github.com/parapet-dev/parapet' } as const;

export function ruleIndex(context: ReportContext): Map<string, RuleMetadata> {
  return new Map(context.rules.map((r) => [r.id, r]));
}
