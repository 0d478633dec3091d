import t from 'tap';
import type { Insertable } from 'kysely';
import type { FindingsTable } from '../../../store/schema.js';
import { join } from 'node:path';
import { testServer, tempDir } from '../../testing.js';
import { estateServer, ESTATE_TARGET, type EstateFixture } from './testing.js';

const { dir, remove } = tempDir('parapet-posture-api-');
let fx: EstateFixture;
let read: string;
let writer: string;

t.before(async () => {
  fx = await estateServer(dir);
  read = await fx.server.token('scans:read');
  writer = await fx.server.token('scans:read,exceptions:write,scans:write');
});
t.teardown(async () => {
  await fx?.server.close();
  remove();
});

async function get(url: string, token = read) {
  const res = await fx.server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body, headers: res.headers };
}
async function post(url: string, payload: unknown, token = writer) {
  const res = await fx.server.app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.json() };
}

t.test('the fixture scans are two finished scans of the example estate', async (t) => {
  t.equal(fx.scans.length, 2);
  for (const s of fx.scans) t.equal(s.status, 'succeeded', `scan ${s.id}: ${s.error}`);
  t.ok(fx.resources.some((r) => r.provider === 'aws') && fx.resources.some((r) => r.provider === 'gcp') && fx.resources.some((r) => r.provider === 'azure'), 'three clouds');
});

t.test('scans: list, one, diff', async (t) => {
  const list = await get('/v1/scans');
  t.equal(list.status, 200);
  t.same(list.body.scans.map((s: { id: number }) => s.id), [fx.scans[1]!.id, fx.scans[0]!.id], 'newest first');
  t.same(list.body.targets, [ESTATE_TARGET]);
  t.notOk('pid' in list.body.scans[0], 'no process details');
  const one = await get(`/v1/scans/${fx.scans[1]!.id}`);
  t.equal(one.body.target, ESTATE_TARGET);
  t.ok(one.body.counts.outcomes.FAIL > 0);
  t.equal((await get('/v1/scans/9999')).status, 404);

  const diff = await get(`/v1/scans/${fx.scans[1]!.id}/diff`);
  t.equal(diff.status, 200);
  t.equal(diff.body.from, fx.scans[0]!.id);
  t.ok(diff.body.counts.new > 0, `new: ${diff.body.counts.new}`);
  t.ok(diff.body.counts.resolved > 0, `resolved: ${diff.body.counts.resolved}`);
  t.equal(diff.body.new.length, diff.body.counts.new);
  t.ok(diff.body.new.every((f: { change: string; status: string }) => f.change === 'new' && f.status === 'new'));
  t.ok(diff.body.resolved.every((f: { status: string }) => f.status === 'resolved'));
  const limited = await get(`/v1/scans/${fx.scans[1]!.id}/diff?from=${fx.scans[0]!.id}&limit=1`);
  t.equal(limited.body.new.length, 1);
  t.equal(limited.body.counts.new, diff.body.counts.new);
  const first = await get(`/v1/scans/${fx.scans[0]!.id}/diff`);
  t.equal(first.body.from, null, 'the first scan: everything is new');
});

t.test('findings: filters, search, sort, pagination, CSV', async (t) => {
  const all = await get('/v1/findings?limit=1000');
  t.equal(all.status, 200);
  t.ok(all.body.total > 20, `total ${all.body.total}`);
  t.equal(all.body.findings.length, Math.min(all.body.total, 1000));
  const rank = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as Record<string, number>;
  const ranks = all.body.findings.map((f: { severity: string }) => rank[f.severity]);
  t.same(ranks, [...ranks].sort((a, b) => a - b), 'sorted by severity, most severe first');
  const sample = all.body.findings.find((f: { status: string }) => f.status !== 'resolved');
  t.ok(sample.title && sample.title !== sample.rule_id, 'rule titles from the bundle');
  t.ok(sample.service);

  // Each filter keeps exactly the matching findings.
  for (const [param, field] of [
    ['severity', 'severity'], ['provider', 'provider'], ['account', 'account'], ['region', 'region'],
    ['resource_type', 'resource_type'], ['rule', 'rule_id'], ['status', 'status'],
  ] as const) {
    const value = sample[field];
    const res = await get(`/v1/findings?${param}=${encodeURIComponent(value)}&limit=1000`);
    const expected = all.body.findings.filter((f: Record<string, string>) => f[field] === value).length;
    t.equal(res.body.total, expected, `${param}=${value}`);
    t.ok(res.body.findings.every((f: Record<string, string>) => f[field] === value));
  }
  const two = await get('/v1/findings?severity=critical,high&limit=1000');
  t.equal(two.body.total, all.body.findings.filter((f: { severity: string }) => ['critical', 'high'].includes(f.severity)).length, 'comma lists');

  const fw = await get('/v1/findings?framework=cis-aws-3.0.0&limit=1000');
  t.ok(fw.body.total > 0);
  t.ok(fw.body.findings.every((f: { provider: string }) => f.provider === 'aws'), 'a CIS AWS filter finds AWS findings only');
  const none = await get('/v1/findings?framework=no-such-framework');
  t.equal(none.body.total, 0);

  const needle = sample.resource_id.slice(-12).toUpperCase();
  const search = await get(`/v1/findings?q=${encodeURIComponent(needle)}&limit=1000`);
  t.ok(search.body.findings.some((f: { resource_id: string }) => f.resource_id === sample.resource_id), 'case-insensitive search by resource id');
  const byTitle = await get(`/v1/findings?q=${encodeURIComponent(sample.title.toLowerCase())}&limit=1000`);
  t.ok(byTitle.body.findings.some((f: { rule_id: string }) => f.rule_id === sample.rule_id), 'search by rule title');
  const pct = await get('/v1/findings?q=%25%25%25');
  t.equal(pct.body.total, 0, 'LIKE wildcards are escaped');

  // Pages are disjoint and cover the sorted list.
  const p1 = await get('/v1/findings?sort=resource_id&order=desc&limit=5&offset=0');
  const p2 = await get('/v1/findings?sort=resource_id&order=desc&limit=5&offset=5');
  const ids = [...p1.body.findings, ...p2.body.findings].map((f: { rule_id: string; resource_id: string }) => `${f.rule_id} ${f.resource_id}`);
  t.equal(new Set(ids).size, 10);
  const desc = [...p1.body.findings, ...p2.body.findings].map((f: { resource_id: string }) => f.resource_id);
  t.same(desc, [...desc].sort().reverse());
  t.equal(p1.body.total, all.body.total);

  t.equal((await get('/v1/findings?sort=nope')).status, 400);
  t.equal((await get('/v1/findings?status=bogus')).body.code, 'invalid_parameter');
  t.equal((await get('/v1/findings?limit=5000')).status, 400);

  const csv = await get('/v1/findings?format=csv&severity=high');
  t.equal(csv.status, 200);
  t.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = (csv.body as string).trim().split('\r\n');
  t.match(lines[0], /^rule_id,title,severity,status/);
  const high = await get('/v1/findings?severity=high');
  t.equal(lines.length - 1, high.body.total, 'the CSV has every matching finding');
  t.ok(lines.slice(1).every((l) => l.split(',')[2] === 'high' || l.includes(',high,')));
});

t.test('findings summary for the overview', async (t) => {
  const s = await get('/v1/findings/summary?active=true');
  t.equal(s.status, 200);
  const active = await get('/v1/findings?active=true&limit=1');
  t.equal(s.body.total, active.body.total);
  const sum = (xs: Array<{ count: number }>) => xs.reduce((a, b) => a + b.count, 0);
  t.equal(sum(s.body.by_severity), s.body.total);
  t.equal(sum(s.body.by_provider), s.body.total);
  t.equal(sum(s.body.by_account), s.body.total);
  t.equal(sum(s.body.by_service), s.body.total);
  t.same(s.body.by_provider.map((p: { key: string }) => p.key).sort(), ['aws', 'azure', 'gcp']);
  t.ok(s.body.top_rules.length > 0 && s.body.top_rules[0].title);
});

t.test('compliance: frameworks, controls, a control with failing resources', async (t) => {
  const list = await get('/v1/compliance');
  t.equal(list.status, 200);
  const ids = list.body.frameworks.map((f: { id: string }) => f.id);
  for (const id of ['cis-aws-3.0.0', 'cis-gcp-3.0.0', 'cis-azure-2.1.0']) t.ok(ids.includes(id), id);
  const cis = list.body.frameworks.find((f: { id: string }) => f.id === 'cis-aws-3.0.0');
  t.ok(cis.score !== null && cis.score >= 0 && cis.score <= 100);
  t.ok(cis.counts.failed > 0);

  const detail = await get('/v1/compliance/cis-aws-3.0.0');
  t.equal(detail.body.framework.controls.length, cis.controls);
  const failed = detail.body.framework.controls.find((c: { status: string }) => c.status === 'failed');
  t.ok(failed.rules.length > 0 && failed.rules[0].title && failed.rules[0].remediation.text, 'rules with remediation');
  t.ok(failed.failing_resources.length > 0, 'failing resources listed');
  const statuses = new Set(detail.body.framework.controls.map((c: { status: string }) => c.status));
  t.ok(statuses.has('failed') && statuses.has('passed'), [...statuses].join(','));
  t.ok(detail.body.framework.controls.some((c: { needs_data?: string }) => c.needs_data), 'controls no data decides say what they need');

  const control = await get(`/v1/compliance/cis-aws-3.0.0/controls/${encodeURIComponent(failed.id)}`);
  t.equal(control.status, 200);
  t.equal(control.body.control.failing_resources.length, failed.rules.reduce((n: number, r: { fail: number }) => n + r.fail, 0));
  t.equal((await get('/v1/compliance/nope')).status, 404);
  t.equal((await get('/v1/compliance/cis-aws-3.0.0/controls/99.99')).body.code, 'control_not_found');
});

t.test('resources: configuration and all findings with remediation', async (t) => {
  const f = (await get('/v1/findings?status=open&resource_type=AWS::S3::Bucket&limit=1')).body.findings[0];
  const res = await get(`/v1/resources/${encodeURIComponent(f.resource_id)}`);
  t.equal(res.status, 200, `${f.resource_id}: ${JSON.stringify(res.body).slice(0, 300)}`);
  t.equal(res.body.resource.id, f.resource_id);
  t.equal(res.body.scan_id, fx.scans[1]!.id);
  t.ok(Object.keys(res.body.resource.config).length > 0, 'configuration from the snapshot');
  const finding = res.body.findings.find((x: { rule_id: string }) => x.rule_id === f.rule_id);
  t.ok(finding.rule.remediation.text);
  t.ok(res.body.outcomes.some((o: { rule_id: string; status: string }) => o.rule_id === f.rule_id && o.status === 'FAIL'));

  // Azure ids hold slashes: URL-encoded or not, the id is the rest of the path.
  const az = (await get('/v1/findings?provider=azure&status=open&limit=50')).body.findings.find((x: { resource_id: string }) => x.resource_id.startsWith('/subscriptions/'));
  const encoded = await get(`/v1/resources/${encodeURIComponent(az.resource_id)}`);
  t.equal(encoded.body.resource?.id, az.resource_id, 'an Azure id');

  // An account-scope rule may name something that is not a resource of its own (the root user): its findings still show.
  const named = (await get('/v1/findings?limit=1000')).body.findings.find((x: { resource_id: string }) => !fx.resources.some((r) => r.id === x.resource_id));
  if (named) {
    const r = await get(`/v1/resources/${encodeURIComponent(named.resource_id)}`);
    t.equal(r.status, 200);
    t.equal(r.body.resource, null);
    t.ok(r.body.findings.length > 0);
  }
  t.equal((await get('/v1/resources/nope')).status, 404);
});

t.test('scores: per account, cloud, framework, and the trend', async (t) => {
  const s = await get('/v1/scores');
  t.equal(s.status, 200);
  t.ok(s.body.overall.score >= 0 && s.body.overall.score <= 100);
  t.same(s.body.providers.map((p: { key: string }) => p.key).sort(), ['aws', 'azure', 'gcp']);
  t.ok(s.body.accounts.length >= 3);
  t.ok(s.body.frameworks.some((f: { key: string }) => f.key === 'cis-aws-3.0.0'));
  t.same(s.body.trend.points.map((p: { scan_id: number }) => p.scan_id), fx.scans.map((x) => x.id));
  const fw = await get('/v1/scores?dimension=framework&key=cis-aws-3.0.0');
  t.equal(fw.body.trend.points.length, 2);
});

t.test('me: the token and its scopes', async (t) => {
  const me = await get('/v1/me');
  t.same(me.body, { name: 't-scans:read', scopes: ['scans:read'], effective: ['scans:read'] });
  const admin = await get('/v1/me', fx.server.admin);
  t.ok(admin.body.effective.includes('exceptions:write'));
  const anon = await fx.server.app.inject({ method: 'GET', url: '/v1/me' });
  t.equal(anon.statusCode, 401);
});

t.test('exceptions: create from a finding, suppressed at once, expire, audit', async (t) => {
  const f = (await get('/v1/findings?status=open&suppressed=false&sort=severity&limit=1')).body.findings[0];
  const expires = new Date(Date.now() + 30 * 86400_000).toISOString();
  const body = { rule: f.rule_id, resource: f.resource_id, owner: 'platform-team', reason: 'legacy bucket, migration planned', expires_at: expires };
  t.equal((await post('/v1/exceptions', body, read)).status, 403, 'a read-only token cannot');
  t.equal((await post('/v1/exceptions', { ...body, owner: '  ' })).status, 400, 'blank owner');
  t.equal((await post('/v1/exceptions', { ...body, expires_at: '2001-01-01' })).body.code, 'exception_invalid', 'expiry in the past');
  const created = await post('/v1/exceptions', body);
  t.equal(created.status, 201);
  t.equal(created.body.created_by, 't-scans:read,exceptions:write,scans:write');
  t.equal(created.body.suppressing, 1);
  t.ok(created.body.active);

  const now = await get(`/v1/findings?rule=${encodeURIComponent(f.rule_id)}&resource=${encodeURIComponent(f.resource_id)}`);
  t.equal(now.body.findings[0].suppressed_by, created.body.id, 'the finding is marked suppressed');
  const suppressed = await get('/v1/findings?suppressed=true');
  t.equal(suppressed.body.total, 1);

  const list = await get('/v1/exceptions');
  t.equal(list.body.exceptions[0].id, created.body.id);
  const expired = await post(`/v1/exceptions/${created.body.id}/expire`, {});
  t.equal(expired.status, 200);
  t.notOk(expired.body.active);
  t.equal((await post(`/v1/exceptions/${created.body.id}/expire`, {})).status, 409);
  t.equal((await post('/v1/exceptions/exc_000000000000/expire', {})).status, 404);
  const audit = await get(`/v1/exceptions/${created.body.id}/audit`);
  t.same(audit.body.audit.map((a: { action: string; actor: string }) => [a.action, a.actor]), [
    ['create', 't-scans:read,exceptions:write,scans:write'],
    ['expire', 't-scans:read,exceptions:write,scans:write'],
  ]);
});

t.test('reports of a scan in every format', async (t) => {
  const id = fx.scans[1]!.id;
  const sarif = await get(`/v1/reports/${id}?format=sarif`);
  t.equal(sarif.status, 200);
  const doc = JSON.parse(typeof sarif.body === 'string' ? sarif.body : JSON.stringify(sarif.body));
  t.equal(doc.version, '2.1.0');
  t.ok(doc.runs[0].results.length > 0);
  const html = await get(`/v1/reports/${id}?format=html&framework=cis-aws-3.0.0`);
  t.match(String(html.headers['content-type']), /text\/html/);
  t.match(html.body, /CIS Amazon Web Services Foundations Benchmark/);
  const csv = await get(`/v1/reports/${id}?format=csv`);
  t.match(csv.body, /^rule_id,/);
  t.equal((await get(`/v1/reports/${id}?format=docx`)).status, 400);
  t.equal((await get(`/v1/reports/${id}?format=html&framework=nope`)).status, 404);
});

t.test('on-demand scan: 202 with the id, 409 while it runs, unknown target 404', async (t) => {
  const started = await post('/v1/scans', { target: ESTATE_TARGET });
  t.equal(started.status, 202);
  t.equal(started.body.scan.status, 'running');
  const again = await post('/v1/scans', { target: ESTATE_TARGET });
  t.equal(again.status, 409);
  t.equal(again.body.code, 'scan_running');
  t.equal((await post('/v1/scans', { target: 'nope' })).status, 404);
  // A target with a schedule in the store is a configured target too.
  await fx.server.context.store.schedules.put({ target: 'nightly-inventory', cron: '0 3 * * *', spec: { inventory: join(dir, 'scan-2.ndjson'), bundle: fx.bundle } });
  t.same((await get('/v1/scans')).body.targets, [ESTATE_TARGET, 'nightly-inventory']);
  const scheduled = await post('/v1/scans', { target: 'nightly-inventory' });
  t.equal(scheduled.status, 202);
  t.equal((await post('/v1/scans', { target: ESTATE_TARGET }, read)).status, 403);
  let scan = started.body.scan;
  for (let i = 0; i < 300 && scan.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    scan = (await get(`/v1/scans/${scan.id}`)).body;
  }
  t.equal(scan.status, 'succeeded', scan.error ?? '');
  t.match(scan.trigger, /^api:/);
  let other = scheduled.body.scan;
  for (let i = 0; i < 300 && other.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    other = (await get(`/v1/scans/${other.id}`)).body;
  }
  t.equal(other.status, 'succeeded', other.error ?? '');
  t.equal(other.target, 'nightly-inventory');
});

// Speed is a benchmark's business, not a timed assertion's: this checks the answers at
// 100,000 findings and prints how long each query took.
t.test('finding queries over 100,000 findings answer right (timings printed)', async (t) => {
  const big = await testServer(join(dir), { dev: true });
  t.teardown(() => big.close());
  const db = big.context.store.db;
  const sev = ['critical', 'high', 'medium', 'low', 'info'];
  const providers = ['aws', 'gcp', 'azure'];
  const rows: Array<Insertable<FindingsTable>> = [];
  for (let i = 0; i < 100_000; i++) {
    rows.push({
      rule_id: `aws.rule.r${i % 250}`,
      resource_id: `arn:aws:s3:::bucket-${i}`,
      target: 'big',
      provider: providers[i % 3]!,
      account: `acct-${i % 40}`,
      region: `region-${i % 7}`,
      resource_type: `AWS::S${i % 30}::Thing`,
      severity: sev[i % 5]!,
      status: (i % 9 === 0 ? 'resolved' : 'open') as 'open' | 'resolved',
      first_seen: '2026-11-01T00:00:00.000Z',
      last_seen: '2026-11-02T00:00:00.000Z',
      first_scan_id: 1,
      last_scan_id: 1,
      resolved_at: null,
      message: `bucket-${i} allows public access`,
      evidence: '[]',
      suppressed_by: null,
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('findings').values(rows.slice(i, i + 1000)).execute();
  const time = async (url: string) => {
    const start = process.hrtime.bigint();
    const res = await big.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${big.admin}` } });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, body: res.json() };
  };
  const count = (keep: (r: (typeof rows)[number]) => boolean): number => rows.filter(keep).length;
  const cases: Array<[string, number | undefined]> = [
    ['/v1/findings?limit=50', 100_000],
    ['/v1/findings?active=true&sort=severity&limit=50&offset=50000', count((r) => r.status !== 'resolved')],
    ['/v1/findings?provider=gcp&account=acct-11&severity=high&limit=50', count((r) => r.provider === 'gcp' && r.account === 'acct-11' && r.severity === 'high')],
    ['/v1/findings?q=bucket-4242&limit=50', count((r) => r.resource_id.includes('bucket-4242'))],
    ['/v1/findings?sort=last_seen&order=desc&limit=100', 100_000],
    ['/v1/findings/summary?active=true', undefined],
  ];
  for (const [url, expected] of cases) {
    await time(url); // warm
    const { ms, body } = await time(url);
    t.comment(`${url}: ${ms.toFixed(0)} ms`);
    if (expected !== undefined) t.equal(body.total, expected, `${url}: total`);
    else t.ok(body && typeof body === 'object', `${url}: answered`);
  }
  const { body } = await time('/v1/findings?limit=1');
  t.equal(body.total, 100_000);
});
