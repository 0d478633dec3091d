/**
 * The findings lifecycle as pure functions: what a finding, identified by
 * (rule id, resource id), becomes after one more scan. The store applies it
 * (store/lifecycle.ts); keeping it pure keeps the rules readable and testable.
 *
 *   (none) ──FAIL──► new ──FAIL──► open ──PASS / resource gone──► resolved ──FAIL──► reopened ──FAIL──► open
 *
 * An ERROR outcome, or no outcome at all, leaves a finding as it was: a rule
 * that could not be evaluated proves nothing. A finding whose exception
 * stopped suppressing it (expired or revoked) while it still fails is reopened.
 */
export type FindingStatus = 'new' | 'open' | 'resolved' | 'reopened';
export const FINDING_STATUSES: readonly FindingStatus[] = ['new', 'open', 'resolved', 'reopened'];

/** What the latest scan says about one (rule, resource). */
export type Observation =
  | 'FAIL'
  | 'PASS'
  | 'ERROR'
  /** The scan did not evaluate the pair, and the resource is still there (or its account was not scanned). */
  | 'unseen'
  /** The resource is gone from an account the scan read completely. */
  | 'gone';

export interface PriorFinding {
  status: FindingStatus;
  /** Whether an exception suppressed it after the previous scan. */
  suppressed: boolean;
}

export interface Step {
  to: FindingStatus;
  reason?: 'exception_expired' | 'resource_gone';
}

/**
 * The status after this scan, or null when the finding neither appears nor changes.
 * `suppressedNow` only matters for a FAIL: whether an active exception covers it now.
 */
export function nextStatus(prior: PriorFinding | undefined, observation: Observation, suppressedNow: boolean): Step | null {
  switch (observation) {
    case 'FAIL':
      if (!prior) return { to: 'new' };
      if (prior.status === 'resolved') return { to: 'reopened' };
      if (prior.suppressed && !suppressedNow) return { to: 'reopened', reason: 'exception_expired' };
      return { to: 'open' };
    case 'PASS':
      return prior && prior.status !== 'resolved' ? { to: 'resolved' } : null;
    case 'gone':
      return prior && prior.status !== 'resolved' ? { to: 'resolved', reason: 'resource_gone' } : null;
    case 'ERROR':
    case 'unseen':
      return null;
  }
}

/** Whether a status counts as failing now. */
export function isActive(status: FindingStatus | null | undefined): boolean {
  return status === 'new' || status === 'open' || status === 'reopened';
}

export type Change = 'new' | 'resolved' | 'reopened';

/**
 * How a finding changed across a range of scans, from the status before the
 * range (null: no finding yet) to the status after it, given every status it
 * went through: new, resolved, reopened, or null when nothing a reader would
 * call a change happened (e.g. new → open).
 */
export function classifyChange(before: FindingStatus | null, after: FindingStatus, passedThrough: readonly FindingStatus[]): Change | null {
  const wasActive = isActive(before);
  const isNowActive = isActive(after);
  if (!wasActive && isNowActive) return before === null ? 'new' : 'reopened';
  if (wasActive && !isNowActive) return 'resolved';
  if (isNowActive && passedThrough.includes('reopened')) return 'reopened';
  return null;
}
