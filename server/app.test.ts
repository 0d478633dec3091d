import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Principal } from './plugins/auth.js';
import { jsonDepth, scanJson } from './json-limits.js';

const tokens: Record<string, Principal> = {
  'tok-eval': { tokenId: '1', name: 'svc', scopes: ['evaluate'] },
  'tok-admin': { tokenId: '2', name: 'root', scopes: ['admin'] },
};

async function echoRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/v1/echo',
    {
      config: { scope: 'evaluate' },
      schema: { body: { type: 'object', required: ['input'], properties: { input: {} } } },
    },
    async (request) => request.body,
  );
  app.post('/v1/admin-only', { config: { scope: 'bundles:write' }, schema: {} }, async () => ({ ok: true }));
}

async function app(t: { teardown: (fn: () => unknown) => void }) {
  const server = await buildApp({
    verifyToken: async (token) => tokens[token] ?? null,
    limits: { bodyBytes: 4096, jsonDepth: 8 },
    routes: [echoRoutes],
  });
  t.teardown(() => server.close());
  return server;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

t.test('401 without or with an unknown token, 403 without the scope, 200 with it', async (t) => {
  const server = await app(t);
  const none = await server.inject({ method: 'POST', url: '/v1/echo', payload: { input: 1 } });
  t.equal(none.statusCode, 401);
  t.equal(none.json().code, 'unauthorized');
  t.match(none.headers['www-authenticate'], /Bearer/);
  const unknown = await server.inject({ method: 'POST', url: '/v1/echo', headers: auth('nope'), payload: { input: 1 } });
  t.equal(unknown.statusCode, 401);
  const wrongScope = await server.inject({ method: 'POST', url: '/v1/admin-only', headers: auth('tok-eval') });
  t.equal(wrongScope.statusCode, 403);
  t.match(wrongScope.json().message, /bundles:write/);
  const ok = await server.inject({ method: 'POST', url: '/v1/echo', headers: auth('tok-eval'), payload: { input: 1 } });
  t.equal(ok.statusCode, 200);
  t.same(ok.json(), { input: 1 });
  t.ok(ok.headers['x-request-id'], 'every response carries a request id');
  const admin = await server.inject({ method: 'POST', url: '/v1/admin-only', headers: auth('tok-admin') });
  t.equal(admin.statusCode, 200, 'admin implies every scope');
});

t.test('bad bodies get 4xx in OPA error shape, never 5xx', async (t) => {
  const server = await app(t);
  const post = (payload: string, contentType = 'application/json') =>
    server.inject({ method: 'POST', url: '/v1/echo', headers: { ...auth('tok-eval'), 'content-type': contentType }, payload });
  const cases: Array<[string, string, number, RegExp]> = [
    ['truncated JSON', '{"input": {"a": [1, 2', 400, /not valid JSON/],
    ['wrong type', '["input"]', 400, /invalid request/],
    ['missing input', '{"x": 1}', 400, /input/],
    ['too deep', `{"input": ${'['.repeat(50)}${']'.repeat(50)}}`, 400, /nests 51 levels/],
    ['too large', JSON.stringify({ input: 'x'.repeat(10_000) }), 413, /too large/i],
  ];
  for (const [name, payload, status, message] of cases) {
    const res = await post(payload);
    t.equal(res.statusCode, status, name);
    t.type(res.json().code, 'string', `${name}: has a code`);
    t.match(res.json().message, message, `${name}: says why`);
  }
  const unknown = await server.inject({ method: 'GET', url: '/v1/nowhere', headers: auth('tok-eval') });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'resource_not_found');
});

t.test('metrics need admin and count requests; the OpenAPI document lists the routes', async (t) => {
  const server = await app(t);
  await server.inject({ method: 'POST', url: '/v1/echo', headers: auth('tok-eval'), payload: { input: 1 } });
  t.equal((await server.inject({ method: 'GET', url: '/metrics', headers: auth('tok-eval') })).statusCode, 403);
  const metrics = await server.inject({ method: 'GET', url: '/metrics', headers: auth('tok-admin') });
  t.equal(metrics.statusCode, 200);
  t.match(metrics.body, /parapet_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/echo"/);
  const openapi = (await server.inject({ method: 'GET', url: '/openapi.json' })).json();
  t.equal(openapi.openapi, '3.1.0');
  t.ok(openapi.paths['/v1/echo'].post, 'route documented');
});

t.test('jsonDepth ignores brackets inside strings', async (t) => {
  t.equal(jsonDepth('{"a": "[[[[{{{{", "b": [[1]]}'), 3);
  t.equal(jsonDepth('"\\"[["'), 0);
  t.equal(jsonDepth('1'), 0);
});

t.test('scanJson finds the text of the top-level input member JSON.parse keeps', async (t) => {
  const input = (text: string) => {
    const span = scanJson(text).input;
    return span && text.slice(span[0], span[1]).trim();
  };
  t.equal(input('{"input": {"a": [1, {"input": 2}]} }'), '{"a": [1, {"input": 2}]}');
  t.equal(input('{"x": "input", "input":"s:,}", "y": 1}'), '"s:,}"');
  t.equal(input('{"input": 1, "input": [2]}'), '[2]', 'the last of duplicate keys, as JSON.parse');
  t.equal(input('{"inputs": 1, "x": {"input": 2}}'), undefined, 'only a top-level "input" key');
  t.equal(input('[{"input": 1}]'), undefined, 'not in an array');
  t.equal(input('{"\\u0069nput": 1, "input": 2}'), undefined, 'an escaped key might spell input: no span');
  t.equal(input('{"input":null}'), 'null');
  t.same(scanJson('{"a": "[[[[{{{{", "input": [[1]]}').depth, 3);
});
