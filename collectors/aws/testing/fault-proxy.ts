/**
 * A small HTTP proxy in front of moto that injects the faults the collector
 * must survive (throttling, 5xx, a scope that always fails), and answers the
 * APIs moto lacks that the collector reads, in the services' REST-JSON wire
 * form: Access Analyzer ListAnalyzers (`GET /analyzer`) and Account
 * GetContactInformation (`POST /getContactInformation`). Requests are matched
 * on the SigV4 credential scope (region, service) and the operation
 * (X-Amz-Target, Action=, or `<method> <path>` for REST APIs).
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';

export interface FaultRule {
  service?: string;
  region?: string;
  /** Operation name, e.g. `ListDiscoveredResources`, `GetAccountSummary`. */
  operation?: string;
  /** How many matching requests to fail; undefined: every one. */
  times?: number;
  status: number;
  /** Body and content type to answer with (defaults: empty). */
  body?: string;
  contentType?: string;
}

export interface SeenRequest { service: string; region: string; operation: string }

export interface FaultProxy {
  endpoint: string;
  rules: FaultRule[];
  seen: SeenRequest[];
  injected: number;
  analyzers: Array<Record<string, unknown>>;
  /** What GetContactInformation answers; undefined: ResourceNotFoundException, as for an account with none. */
  contactInformation?: Record<string, unknown>;
  close(): Promise<void>;
}

export const throttlingJson = (service = 'ThrottlingException'): Pick<FaultRule, 'status' | 'body' | 'contentType'> => ({
  status: 400, body: JSON.stringify({ __type: service, message: 'Rate exceeded' }), contentType: 'application/x-amz-json-1.1',
});
export const throttlingQuery = (): Pick<FaultRule, 'status' | 'body' | 'contentType'> => ({
  status: 400, contentType: 'text/xml',
  body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>x</RequestId></ErrorResponse>',
});

function describe(req: IncomingMessage, body: Buffer): SeenRequest {
  const auth = String(req.headers.authorization ?? '');
  const m = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(auth);
  const target = String(req.headers['x-amz-target'] ?? '');
  let operation = target.includes('.') ? target.split('.').pop()! : target;
  if (!operation) {
    const action = /(?:^|&)Action=([^&]+)/.exec(body.toString('utf8')) ?? /[?&]Action=([^&]+)/.exec(req.url ?? '');
    operation = action ? decodeURIComponent(action[1]) : `${req.method} ${(req.url ?? '').split('?')[0]}`;
  }
  return { region: m?.[1] ?? '', service: m?.[2] ?? '', operation };
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const state: FaultProxy = { endpoint: '', rules: [], seen: [], injected: 0, analyzers: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen = describe(req, body);
      state.seen.push(seen);
      const rule = state.rules.find((r) => (r.service === undefined || r.service === seen.service)
        && (r.region === undefined || r.region === seen.region)
        && (r.operation === undefined || r.operation === seen.operation)
        && (r.times === undefined || r.times > 0));
      if (rule) {
        if (rule.times !== undefined) rule.times--;
        state.injected++;
        res.writeHead(rule.status, { 'content-type': rule.contentType ?? 'application/json', 'x-amzn-requestid': 'fault' });
        res.end(rule.body ?? '');
        return;
      }
      if (seen.service === 'access-analyzer' && req.method === 'GET' && (req.url ?? '').startsWith('/analyzer')) {
        const mine = state.analyzers.filter((a) => String(a.arn ?? '').split(':')[3] === seen.region);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ analyzers: mine }));
        return;
      }
      if (seen.service === 'account' && req.method === 'POST' && (req.url ?? '').split('?')[0] === '/getContactInformation') {
        const found = state.contactInformation !== undefined;
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json', ...(found ? {} : { 'x-amzn-errortype': 'ResourceNotFoundException' }) });
        res.end(JSON.stringify(found ? { ContactInformation: state.contactInformation } : { message: 'No contact information found for this account.' }));
        return;
      }
      const forward = request({
        host: upstream.hostname, port: upstream.port, method: req.method, path: req.url,
        headers: { ...req.headers, host: `${upstream.hostname}:${upstream.port}` },
      }, (up) => {
        const repair = REPAIRS[seen.service];
        if (!repair) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          const repaired = repair(Buffer.concat(parts));
          const headers = { ...up.headers, 'content-length': String(repaired.length) };
          delete headers['transfer-encoding'];
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(repaired);
        });
      });
      forward.on('error', (err) => { res.writeHead(502); res.end(String(err)); });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  state.endpoint = `http://127.0.0.1:${port}`;
  state.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return state;
}

const TIMESTAMP_KEYS = new Set(['configurationItemCaptureTime', 'resourceCreationTime', 'resourceDeletionTime']);
const MACIE_TIMESTAMP_KEYS = new Set(['createdAt', 'updatedAt']);

/** Where moto's answers differ from the service's wire form in a way the SDK rejects. */
const REPAIRS: Record<string, (body: Buffer) => Buffer> = {
  config: (body) => repairMotoConfig(body),
  macie2: (body) => repairMotoMacie(body),
};

function rewriteJson(body: Buffer, edit: (o: Record<string, unknown>, key: string, value: unknown) => void): Buffer {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(o)) {
      edit(o, k, x);
      walk(o[k]);
    }
  };
  walk(doc);
  return Buffer.from(JSON.stringify(doc));
}

/**
 * moto writes Macie's timestamps as Python's isoformat() of a naive UTC time
 * (no offset); the service sends RFC 3339 with one, and the SDK insists.
 */
export function repairMotoMacie(body: Buffer): Buffer {
  return rewriteJson(body, (o, k, x) => {
    if (MACIE_TIMESTAMP_KEYS.has(k) && typeof x === 'string' && /T\d\d:\d\d:\d\d(\.\d+)?$/.test(x)) o[k] = `${x}Z`;
  });
}

/**
 * moto writes Config's timestamps as Python date strings; the real service
 * (awsJson1_1) sends epoch seconds, and the SDK rejects anything else. Put
 * them in the service's own form so the SDK reads moto as it reads AWS.
 */
export function repairMotoConfig(body: Buffer): Buffer {
  return rewriteJson(body, (o, k, x) => {
    if (TIMESTAMP_KEYS.has(k) && typeof x === 'string') {
      const ms = Date.parse(x.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
      if (!Number.isNaN(ms)) o[k] = ms / 1000;
    }
  });
}
