/**
 * The dashboard's only way to the server: the Parapet API with the signed-in
 * token (kept in sessionStorage, so it ends with the browser tab).
 */

const TOKEN_KEY = 'parapet.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Told when the server no longer accepts the token (401), so the app can sign out. */
let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

async function request(path: string, init: RequestInit = {}, token = storedToken()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    let code = 'error';
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { code?: string; message?: string };
      code = body.code ?? code;
      message = body.message ?? message;
    } catch {
      // Not JSON: keep the status line.
    }
    if (res.status === 401) onUnauthorized();
    throw new ApiError(res.status, code, message);
  }
  return res;
}

export async function getJson<T>(path: string, token?: string): Promise<T> {
  return (await request(path, {}, token)).json() as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return (await request(path, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<T>;
}

/** Downloads a response as a file (the token travels in a header, so a plain link cannot). */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await (await request(path)).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `?a=1&b=x` from an object, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Shapes of the API's answers the views read.

export interface Me {
  name: string;
  scopes: string[];
  effective: string[];
}

export interface Scan {
  id: number;
  target: string;
  status: string;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  bundle: { name: string; version: string; digest: string } | null;
  counts: { resources: number; outcomes: { PASS: number; FAIL: number; ERROR: number } } | null;
  duration_ms: number | null;
  error: string | null;
}

export interface Finding {
  rule_id: string;
  title: string;
  resource_id: string;
  resource_type: string;
  service: string;
  provider: string;
  account: string;
  region: string;
  severity: string;
  status: string;
  first_seen: string;
  last_seen: string;
  message: string | null;
  suppressed_by: string | null;
  change?: string;
}

export interface Remediation {
  text: string;
  cli?: string;
  terraform?: string;
}

export interface Rule {
  id: string;
  title: string;
  description?: string;
  severity: string;
  frameworks?: Record<string, string[]>;
  remediation?: Remediation;
  pass?: number;
  fail?: number;
  error?: number;
}

export interface ControlCounts {
  passed: number;
  failed: number;
  error: number;
  not_covered: number;
  manual: number;
  no_resources: number;
}

export interface FrameworkSummary {
  id: string;
  name: string;
  version: string;
  score: number | null;
  counts: ControlCounts;
  controls: number;
}

export interface FailingResource {
  rule_id: string;
  resource_id: string;
  resource_type: string;
  provider: string;
  account: string;
  region: string;
  message: string | null;
  suppressed_by: string | null;
}

export interface Control {
  id: string;
  title: string;
  section: string;
  automated: boolean;
  needs_data?: string;
  status: string;
  pass: number;
  fail: number;
  error: number;
  rules: Rule[];
  failing_resources: FailingResource[];
}

export interface Score {
  key: string;
  score: number | null;
  passed: number;
  failed: number;
}

export interface Exception {
  id: string;
  scope: { rule?: string; resource?: string; account?: string; tag?: { key: string; value?: string } };
  owner: string;
  reason: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  active: boolean;
  suppressing: number;
}
