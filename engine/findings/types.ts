/** Outcomes of evaluating rules over resources, and the compliance roll-up. See ARCHITECTURE.md. */
import type { Provider } from '../../collectors/schema/inventory.js';
import type { Severity } from '../bundle/types.js';

export type Status = 'PASS' | 'FAIL' | 'ERROR';

export interface Outcome {
  rule_id: string;
  resource_id: string;
  resource_type: string;
  provider: Provider;
  account: string;
  region: string;
  status: Status;
  severity: Severity;
  /** FAIL: the deny messages, joined by "; " when several. */
  message?: string;
  /** FAIL: the deny evidence objects. */
  evidence?: unknown[];
  /** ERROR: why the rule could not be evaluated on this resource. */
  error?: string;
}

export type ControlStatus = 'passed' | 'failed' | 'error' | 'not_covered' | 'manual' | 'no_resources';

export interface ControlResult {
  id: string;
  title: string;
  section: string;
  automated: boolean;
  status: ControlStatus;
  rules: string[];
  pass: number;
  fail: number;
  error: number;
}

export interface FrameworkSummary {
  id: string;
  name: string;
  version: string;
  controls: ControlResult[];
  counts: Record<ControlStatus, number>;
  /** Passed controls over decided ones (passed + failed + error), 0–100; null when none decided. */
  score: number | null;
}
