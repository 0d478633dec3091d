/** What the route families share: the registry of active bundles, the store and the decision logger. */
import type { Store } from '../store/index.js';
import type { DecisionLogger } from './decision-log.js';
import type { BundleRegistry } from './registry.js';

export interface ServerContext {
  store: Store;
  registry: BundleRegistry;
  decisions: DecisionLogger;
  /** Parapet's version, for provenance. */
  version: string;
}

/** `?flag`, `?flag=true` and `?flag=1` are true (as in OPA's query parameters). */
export function queryFlag(value: string | undefined): boolean {
  return value !== undefined && value !== 'false' && value !== '0';
}
