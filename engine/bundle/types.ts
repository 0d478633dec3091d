/** Shapes of a Parapet bundle (OPA's bundle format plus Parapet's manifest metadata). See ARCHITECTURE.md. */
import type { Provider } from '../../collectors/schema/inventory.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface Remediation {
  text: string;
  cli?: string;
  terraform?: string;
  /** The id of an automatic fix, where one exists. */
  fix?: string;
}

/** A rule's metadata, from its `# METADATA` block (custom fields flattened). */
export interface RuleMetadata {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  resource_types: string[];
  scope: 'resource' | 'account';
  /** Account-mate resource types the rule reads (input.facts / input.resources). */
  facts: string[];
  /** Framework id → control ids. */
  frameworks: Record<string, string[]>;
  remediation: Remediation;
  /** Rego package, e.g. `parapet.rules.aws.s3.bucket_versioning`. */
  package: string;
  /** Source path relative to the repository, e.g. `policies/aws/s3/bucket_versioning.rego`. */
  path: string;
}

export interface FrameworkControl {
  id: string;
  title: string;
  section: string;
  level?: number;
  automated: boolean;
  kind?: string;
  withdrawn?: boolean;
  /** For a control no collected data decides: the data it would need. */
  needs_data?: string;
}

export interface FrameworkCatalog {
  id: string;
  name: string;
  version: string;
  source?: string;
  controls: FrameworkControl[];
}

export interface ParapetMetadata {
  bundle: { name: string; version: string; description?: string; opa_version: string };
  frameworks: Record<string, Omit<FrameworkCatalog, 'id' | 'source'>>;
  rules: RuleMetadata[];
  dispatch: {
    /** Resource type → wasm entrypoint evaluating every resource-scope rule of that type. */
    resource: Record<string, string>;
    /** Provider → wasm entrypoint evaluating every account-scope rule of that provider. */
    account: Partial<Record<Provider, string>>;
    /**
     * Resource type → wasm entrypoint evaluating a group of resources of one account in
     * one call (input `{"facts", "resources": [...]}`, result the list of their `results`).
     * Absent in bundles built before it; the evaluator then goes one resource a call.
     */
    batch?: Record<string, string>;
  };
}

export interface BundleManifest {
  revision: string;
  roots: string[];
  rego_version?: number;
  wasm?: Array<{ entrypoint: string; module: string }>;
  metadata?: { parapet?: ParapetMetadata; [key: string]: unknown };
}

/** A bundle that passed every load-time check (size, paths, manifest, signature, wasm ABI). */
export interface LoadedBundle {
  /** Where it came from: a file path or a registry reference, for error messages. */
  source: string;
  /** `sha256:<hex>` of the archive bytes. */
  digest: string;
  manifest: BundleManifest;
  parapet: ParapetMetadata;
  wasm: Uint8Array;
  data: Record<string, unknown>;
  /** Whether a signature was present and verified. */
  signed: boolean;
}
