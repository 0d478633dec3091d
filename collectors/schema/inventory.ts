/**
 * The canonical inventory document, `parapet.inventory/v1` (see DESIGN.md and
 * inventory.schema.json beside this file, which is the normative form).
 *
 * As NDJSON: the first line is the header (an InventoryHeader), then one
 * Resource a line. As JSON: one InventoryDocument.
 */
export const INVENTORY_VERSION = 'parapet.inventory/v1';

export type Provider = 'aws' | 'gcp' | 'azure';

export interface SourceError {
  /** What failed, e.g. `us-east-1`, a role ARN, a page token. */
  scope?: string;
  code?: string;
  message: string;
}

/** One scope one collector read: an account and region, a project, a subscription, a file. */
export interface Source {
  provider: Provider;
  /** e.g. `aws:123456789012/eu-west-1`, `gcp:projects/my-project`, `azure:subscriptions/…`, `file:examples/estate/x.json` */
  scope: string;
  /** e.g. `aws-config`, `gcp-asset`, `azure-resource-graph`, `import:aws-config-snapshot` */
  collector: string;
  started_at: string;
  finished_at?: string;
  /** false when anything of this scope could not be read; `errors` says what. */
  complete: boolean;
  resource_count?: number;
  errors?: SourceError[];
}

export interface Relationship {
  /** e.g. `is attached to`, `contains`, `is associated with` (the inventory service's own words). */
  type: string;
  resource_id: string;
  resource_type?: string;
}

export interface Resource {
  /** The cloud's own unique id: ARN, Cloud Asset full name, ARM id (Azure ids lower-cased). */
  id: string;
  provider: Provider;
  /** The inventory service's own type, or a Parapet-defined type for account facts (see the schema). */
  type: string;
  /** AWS account id, GCP project id, Azure subscription id. */
  account: string;
  region: string;
  name: string;
  tags: Record<string, string>;
  /** The native configuration (AWS supplementary configuration merged in, JSON strings decoded). */
  config: Record<string, unknown>;
  iam_policy?: Record<string, unknown>;
  relationships?: Relationship[];
  observed_at?: string;
}

export interface InventoryHeader {
  version: typeof INVENTORY_VERSION;
  generated_at: string;
  sources: Source[];
}

export interface InventoryDocument extends InventoryHeader {
  resources: Resource[];
}
