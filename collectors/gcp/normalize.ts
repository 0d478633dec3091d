/**
 * Cloud Asset assets → Parapet resources (ARCHITECTURE.md, inventory): id is
 * the asset's full name, type its asset type, account the project id, region
 * the location or `global`, config `resource.data` as plain JSON with org
 * policies under `config.orgPolicy`, iam_policy the asset's IAM policy.
 */
import type { Resource } from '../schema/inventory.js';
import { messageToJson, messageType } from './proto-json.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The parts of one asset Parapet keeps, already in proto3 JSON. */
export interface AssetJson {
  name: string;
  assetType: string;
  ancestors?: string[];
  updateTime?: string;
  resource?: { data?: JsonObject; location?: string; parent?: string };
  iamPolicy?: JsonObject;
  orgPolicy?: JsonObject[];
}

/** A decoded `google.cloud.asset.v1.Asset` (as the client returns it) → proto3 JSON. */
export function assetToJson(asset: unknown): AssetJson {
  return messageToJson(messageType('google.cloud.asset.v1.Asset'), asset) as unknown as AssetJson;
}

/** Maps project numbers (`projects/123`) to project ids, learned from Project assets. */
export class ProjectIds {
  private readonly byNumber = new Map<string, string>();

  learn(asset: AssetJson): void {
    if (asset.assetType !== 'cloudresourcemanager.googleapis.com/Project') return;
    const data = asset.resource?.data ?? {};
    const number = String(data.projectNumber ?? asset.name.split('/').pop() ?? '');
    if (typeof data.projectId === 'string' && number) this.byNumber.set(number, data.projectId);
  }

  /** The project ids learned, each once. */
  ids(): string[] {
    return [...new Set(this.byNumber.values())];
  }

  idOf(number: string): string | undefined {
    return this.byNumber.get(number);
  }
}

/**
 * The account of an asset: the project id when the asset lives in a project
 * (from its name, or its ancestors' project number through `projects`), else
 * the nearest folder or organization (`folders/123`, `organizations/456`).
 */
export function accountOf(asset: AssetJson, projects: ProjectIds): string {
  const ancestors = asset.ancestors ?? [];
  const projectAncestor = ancestors.find((a) => a.startsWith('projects/'));
  if (projectAncestor) {
    const ref = projectAncestor.slice('projects/'.length);
    const known = projects.idOf(ref);
    if (known) return known;
    if (!/^\d+$/.test(ref)) return ref;
  }
  const inName = /\/projects\/([^/]+)/.exec(asset.name)?.[1];
  if (inName && !/^\d+$/.test(inName)) return inName;
  if (projectAncestor) return projectAncestor.slice('projects/'.length);
  if (inName) return projects.idOf(inName) ?? inName;
  return ancestors[0] ?? asset.name.replace(/^\/\/[^/]+\//, '');
}

function labelsOf(data: JsonObject | undefined): Record<string, string> {
  const labels = data?.labels;
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return {};
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') tags[k] = v;
  return tags;
}

/** One Parapet resource from an asset's merged content. */
export function toResource(asset: AssetJson, projects: ProjectIds): Resource {
  const data = asset.resource?.data;
  const config: Record<string, unknown> = { ...(data ?? {}) };
  if (asset.orgPolicy?.length) config.orgPolicy = asset.orgPolicy;
  const resource: Resource = {
    id: asset.name,
    provider: 'gcp',
    type: asset.assetType,
    account: accountOf(asset, projects),
    region: asset.resource?.location || 'global',
    name: asset.name.split('/').pop() || asset.name,
    tags: labelsOf(data),
    config,
  };
  if (asset.iamPolicy) resource.iam_policy = asset.iamPolicy;
  if (asset.resource?.parent) resource.relationships = [{ type: 'is contained in', resource_id: asset.resource.parent }];
  if (asset.updateTime) resource.observed_at = asset.updateTime;
  return resource;
}
