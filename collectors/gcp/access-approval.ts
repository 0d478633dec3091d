/**
 * `parapet.gcp/AccessApprovalSettings` (ARCHITECTURE.md, GCP account facts):
 * the Access Approval API's `projects.getAccessApprovalSettings`, one per
 * project, `{}` when the project never configured it (404).
 */
import type { Resource } from '../schema/inventory.js';
import { withRetry, type RetryOptions } from '../common/retry.js';

export const ACCESS_APPROVAL_TYPE = 'parapet.gcp/AccessApprovalSettings';
export const ACCESS_APPROVAL_ENDPOINT = 'https://accessapproval.googleapis.com';

/** An authorized GET returning the status and the parsed JSON body. */
export type HttpGet = (url: string) => Promise<{ status: number; body: unknown }>;

/** A GET through the Google auth of a client (its default credentials). */
export function googleAuthGet(auth: { request: (opts: Record<string, unknown>) => Promise<{ status: number; data: unknown }> }): HttpGet {
  return async (url) => {
    const res = await auth.request({ url, method: 'GET', responseType: 'json', validateStatus: () => true, retry: false });
    return { status: res.status, body: res.data };
  };
}

function httpError(status: number, body: unknown, url: string): Error {
  const e = (body as { error?: { status?: string; message?: string } } | null)?.error;
  return Object.assign(new Error(`GET ${url} answered ${status}${e?.message ? `: ${e.message}` : ''}`), { status, code: e?.status ?? `HTTP ${status}` });
}

export async function accessApprovalSettings(projectId: string, get: HttpGet, endpoint: string, retry: RetryOptions): Promise<Resource> {
  const url = `${endpoint.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(projectId)}/accessApprovalSettings`;
  const config = await withRetry(async () => {
    const { status, body } = await get(url);
    if (status === 404) return {};
    if (status >= 200 && status < 300) return (body ?? {}) as Record<string, unknown>;
    throw httpError(status, body, url);
  }, retry);
  return {
    id: `projects/${projectId}/accessApprovalSettings`, provider: 'gcp', type: ACCESS_APPROVAL_TYPE,
    account: projectId, region: 'global', name: 'accessApprovalSettings', tags: {}, config,
  };
}
