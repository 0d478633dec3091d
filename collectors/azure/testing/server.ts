/**
 * A local Azure Resource Graph endpoint for tests: HTTPS with a certificate
 * from a throwaway test CA (made with the `openssl` CLI), serving
 * `POST /providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01`
 * as the REST reference documents it: `$top` / `$skipToken` paging, the user
 * quota headers (a request over the quota gets a 429 with Retry-After), a
 * bearer token check, and faults a test injects. It reads the table name of
 * a query and the subscriptions or management groups it names; it does not
 * evaluate the rest of the KQL (a test's rows are what the query would return).
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestTls {
  ca: string;
  cert: string;
  key: string;
}

/** A CA and a server certificate for 127.0.0.1 signed by it, made fresh by `openssl`. */
export function makeTestTls(): TestTls {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-tls-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=Parapet test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'ext.cnf');
    return { ca: readFileSync(join(dir, 'ca.crt'), 'utf8'), cert: readFileSync(join(dir, 'server.crt'), 'utf8'), key: readFileSync(join(dir, 'server.key'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Row = Record<string, unknown> & { id: string; type: string; subscriptionId?: string };

export interface GraphRequestBody {
  subscriptions?: string[];
  managementGroups?: string[];
  query: string;
  options?: { $top?: number; $skipToken?: string; resultFormat?: string };
}

export interface GraphFault {
  /** Which requests fail: by table, by a subscription in the batch, by page (0 = first). */
  table?: string;
  subscription?: string;
  page?: number;
  status: number;
  times: number;
  retryAfter?: string;
  code?: string;
  /** For ARM GETs (table `arm`): a substring of the lower-cased path. */
  path?: string;
}

export interface GraphCall {
  at: number;
  table: string;
  subscriptions: number;
  managementGroups: string[];
  top?: number;
  skipToken?: string;
  /** ARM GETs: the lower-cased path. */
  path?: string;
  page: number;
  status: number;
  returned?: number;
  auth: boolean;
  quotaRemaining?: number;
}

export interface FakeResourceGraph {
  url: string;
  calls: GraphCall[];
  /** Requests refused because the quota was spent (a well-paced client causes none). */
  quotaRefusals: number;
  /** The `resource` of every managed identity token request. */
  tokenRequests: string[];
  close(): Promise<void>;
}

export const TEST_TOKEN = 'parapet-test-token';

export async function startFakeResourceGraph(options: {
  tls: TestTls;
  /** Rows by table name (lower case). */
  tables: Record<string, Row[]>;
  /** Management group → its subscriptions. */
  managementGroups?: Record<string, string[]>;
  faults?: GraphFault[];
  /** Requests allowed per window; the headers report what is left. */
  quota?: { limit: number; windowMs: number };
  /** Serve managed identity tokens at /msi/token to callers presenting this X-IDENTITY-HEADER. */
  identityHeader?: string;
  /**
   * ARM GET bodies by lower-cased path (no query); other paths answer 404. `{base}`
   * in a body (a nextLink) becomes the server's URL.
   */
  arm?: Record<string, unknown>;
}): Promise<FakeResourceGraph> {
  const tokenRequests: string[] = [];
  let port = 0;
  const faults = (options.faults ?? []).map((f) => ({ ...f, left: f.times }));
  const calls: GraphCall[] = [];
  const quota = options.quota ?? { limit: 15, windowMs: 5000 };
  let windowStart = Date.now();
  let used = 0;
  let quotaRefusals = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (code: string, message: string) => ({ error: { code, message } });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    // The App Service managed identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER),
    // which @azure/identity's DefaultAzureCredential reads tokens from.
    if (req.method === 'GET' && url.pathname === '/msi/token') {
      if (!options.identityHeader || req.headers['x-identity-header'] !== options.identityHeader) return send(res, 401, error('Unauthorized', 'bad identity header'));
      tokenRequests.push(url.searchParams.get('resource') ?? '');
      return send(res, 200, { access_token: TEST_TOKEN, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: url.searchParams.get('resource'), token_type: 'Bearer' });
    }
    if (req.method === 'GET' && /^\/(subscriptions|providers)\//i.test(url.pathname)) {
      const path = url.pathname.toLowerCase() + (url.searchParams.get('$skiptoken') ? `?$skiptoken=${url.searchParams.get('$skiptoken')}` : '');
      const call: GraphCall = { at: Date.now(), table: 'arm', path, subscriptions: 0, managementGroups: [], page: 0, status: 200, auth: req.headers.authorization === `Bearer ${TEST_TOKEN}` };
      calls.push(call);
      if (!call.auth) { call.status = 401; return send(res, 401, error('AuthenticationFailed', 'missing or wrong bearer token')); }
      if (!url.searchParams.get('api-version')) { call.status = 400; return send(res, 400, error('MissingApiVersionParameter', 'api-version is required')); }
      const fault = faults.find((f) => f.left > 0 && f.table === 'arm' && (f.path === undefined || path.includes(f.path)));
      if (fault) {
        fault.left--;
        call.status = fault.status;
        return send(res, fault.status, error(fault.code ?? 'ServerError', `injected ${fault.status}`), fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      }
      const body = options.arm?.[path];
      if (body === undefined) { call.status = 404; return send(res, 404, error('ResourceNotFound', `no ${path}`)); }
      return send(res, 200, JSON.parse(JSON.stringify(body).replaceAll('{base}', `https://127.0.0.1:${port}`)));
    }
    if (req.method !== 'POST' || url.pathname.toLowerCase() !== '/providers/microsoft.resourcegraph/resources') {
      return send(res, 404, error('NotFound', `no route ${req.method} ${url.pathname}`));
    }
    if (!url.searchParams.get('api-version')) return send(res, 400, error('MissingApiVersionParameter', 'api-version is required'));
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphRequestBody;
    const table = body.query.trim().split(/[\s|]/)[0]!.toLowerCase();
    const top = Math.min(body.options?.$top ?? 1000, 1000);
    let offset = 0;
    const token = body.options?.$skipToken;
    const call: GraphCall = {
      at: Date.now(), table, subscriptions: body.subscriptions?.length ?? 0, managementGroups: body.managementGroups ?? [],
      top: body.options?.$top, skipToken: token, page: 0, status: 200, auth: req.headers.authorization === `Bearer ${TEST_TOKEN}`,
    };
    calls.push(call);
    if (!call.auth) {
      call.status = 401;
      return send(res, 401, error('AuthenticationFailed', 'missing or wrong bearer token'));
    }

    // The quota window: every request counts, a request over the limit is refused.
    if (Date.now() - windowStart >= quota.windowMs) { windowStart = Date.now(); used = 0; }
    const resetsMs = Math.max(0, quota.windowMs - (Date.now() - windowStart));
    const hms = (ms: number) => {
      const s = Math.ceil(ms / 1000);
      return `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    };
    if (used >= quota.limit) {
      quotaRefusals++;
      call.status = 429;
      return send(res, 429, error('RateLimiting', 'Please provide below info when asking for support: ...'), {
        'retry-after': String(Math.ceil(resetsMs / 1000)), 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': hms(resetsMs),
      });
    }
    used++;
    call.quotaRemaining = quota.limit - used;
    const quotaHeaders = { 'x-ms-user-quota-remaining': String(quota.limit - used), 'x-ms-user-quota-resets-after': hms(resetsMs) };

    if (token) {
      const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { t: string; o: number };
      if (decoded.t !== table) return send(res, 400, error('InvalidSkipToken', 'skip token does not belong to this query'), quotaHeaders);
      offset = decoded.o;
    }
    call.page = Math.floor(offset / top);
    const fault = faults.find((f) => f.left > 0
      && (f.table === undefined || f.table === table)
      && (f.page === undefined || f.page === call.page)
      && (f.subscription === undefined || (body.subscriptions ?? []).includes(f.subscription)));
    if (fault) {
      fault.left--;
      call.status = fault.status;
      return send(res, fault.status, error(fault.code ?? (fault.status === 429 ? 'RateLimiting' : 'ServerError'), `injected ${fault.status}`),
        { ...quotaHeaders, ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
    }

    let subs = new Set((body.subscriptions ?? []).map((s) => s.toLowerCase()));
    for (const group of body.managementGroups ?? []) {
      const members = options.managementGroups?.[group];
      if (!members) return send(res, 403, error('AuthorizationFailed', `no access to management group ${group}`), quotaHeaders);
      subs = new Set([...subs, ...members.map((s) => s.toLowerCase())]);
    }
    const rows = (options.tables[table] ?? []).filter((r) => subs.has(String(r.subscriptionId ?? '').toLowerCase()));
    const page = rows.slice(offset, offset + top);
    call.returned = page.length;
    const next = offset + top < rows.length ? Buffer.from(JSON.stringify({ t: table, o: offset + top })).toString('base64url') : undefined;
    send(res, 200, {
      totalRecords: rows.length, count: page.length, resultTruncated: 'false', ...(next ? { $skipToken: next } : {}), data: page, facets: [],
    }, quotaHeaders);
  };

  const server: Server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    handle(req, res).catch((err) => send(res, 500, error('TestServerError', String(err))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    calls,
    get quotaRefusals() { return quotaRefusals; },
    tokenRequests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
