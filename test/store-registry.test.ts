import t from 'tap';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { MASKED, maskInput } from '../store/decisions.js';
import { hasScope } from '../store/tokens.js';
import { BACKENDS, makeStore } from './store-harness.js';

const digestOf = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const manifest = (v: string) => ({ revision: `cis-aws@${v}`, roots: ['parapet'] });

t.test('maskInput replaces values at OPA-style paths, with * for any key or element', async (t) => {
  const input = { user: { name: 'ann', password: 'hunter2' }, keys: [{ id: 1, secret: 's1' }, { id: 2, secret: 's2' }], n: 1 };
  t.same(maskInput(input, ['/input/user/password', '/keys/*/secret', '/input/absent/x']), {
    user: { name: 'ann', password: MASKED },
    keys: [{ id: 1, secret: MASKED }, { id: 2, secret: MASKED }],
    n: 1,
  });
  t.equal(input.user.password, 'hunter2', 'the caller’s object is not changed');
  t.equal(maskInput(input, ['/input']), MASKED);
});

for (const backend of BACKENDS) {
  t.test(`${backend}: migrations run up on an empty database and again as a no-op`, async (t) => {
    const ts = await makeStore(backend);
    t.teardown(ts.cleanup);
    const tables = (await ts.store.db.introspection.getTables())
      .filter((x) => !x.name.startsWith('kysely_') && (backend === 'sqlite' || x.schema === ts.pgSchema))
      .map((x) => x.name)
      .sort();
    t.same(tables, [
      'alert_deliveries', 'alert_rules', 'api_tokens', 'bundle_activations', 'bundle_versions', 'bundles', 'decision_logs',
      'exception_audit', 'exceptions', 'finding_transitions', 'findings', 'scan_locks', 'scan_resources', 'scan_results',
      'scan_scores', 'scans', 'schedules',
    ]);
    const again = await ts.reopen();
    const applied = await again.db.selectFrom('kysely_migration' as never).select(sql<string>`name`.as('name')).execute();
    t.same(applied.map((r) => r.name), ['0001_initial', '0002_scan_instance']);
    await again.close();
  });

  t.test(`${backend}: API tokens are hashed at rest, verified, scoped and revoked`, async (t) => {
    const { store, cleanup } = await makeStore(backend);
    t.teardown(cleanup);
    const created = await store.tokens.create({ name: 'ci', scopes: 'evaluate,bundles:read', createdBy: 'alice' });
    t.match(created.token, /^ppt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    t.same(created.scopes, ['evaluate', 'bundles:read']);
    // Nothing in the database contains the token or its secret part.
    const secret = created.token.split('_').slice(2).join('_');
    const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
    const dump = JSON.stringify(rows);
    t.notOk(dump.includes(secret), 'the plaintext is never stored');
    t.equal(rows[0]!.token_hash, createHash('sha256').update(created.token).digest('hex'));

    const ok = await store.tokens.verify(created.token);
    t.match(ok, { id: created.id, name: 'ci', scopes: ['evaluate', 'bundles:read'] });
    t.ok(hasScope(ok!, 'evaluate'));
    t.notOk(hasScope(ok!, 'bundles:write'));
    t.ok(hasScope({ scopes: ['admin'] }, 'logs:read'), 'admin grants every scope');
    const tampered = created.token.slice(0, -1) + (created.token.endsWith('A') ? 'B' : 'A');
    t.equal(await store.tokens.verify(tampered), undefined);
    t.equal(await store.tokens.verify('Bearer nonsense'), undefined);
    t.ok((await store.tokens.list())[0]?.last_used_at, 'use is recorded');

    await t.rejects(store.tokens.create({ name: 'x', scopes: 'evaluate,root' }), { code: 'token_invalid', message: /unknown scope "root"/ });
    await t.rejects(store.tokens.create({ name: 'x', scopes: '' }), { code: 'token_invalid' });
    await t.rejects(store.tokens.create({ name: '', scopes: 'admin' }), { code: 'token_invalid' });

    await store.tokens.revoke(created.id);
    t.equal(await store.tokens.verify(created.token), undefined, 'a revoked token no longer verifies');
    await t.rejects(store.tokens.revoke(created.id), { code: 'token_revoked' });
    await t.rejects(store.tokens.revoke('ffffffffffffffff'), { code: 'token_not_found' });
    t.same(await store.tokens.list(), []);
    t.equal((await store.tokens.list({ includeRevoked: true })).length, 1);
  });

  t.test(`${backend}: bundle versions are immutable; activation, roll back and deletion`, async (t) => {
    const { store, cleanup } = await makeStore(backend);
    t.teardown(cleanup);
    const v1 = new Uint8Array([1, 2, 3, 0, 255]);
    const v2 = new Uint8Array([4, 5, 6]);
    const p1 = await store.bundles.publish({ name: 'cis-aws', version: '1.0.0', digest: digestOf(v1), content: v1, signed: true, manifest: manifest('1.0.0') });
    t.match(p1, { name: 'cis-aws', version: '1.0.0', size: 5, signed: true, active: false, manifest: { revision: 'cis-aws@1.0.0' } });
    t.same(await store.bundles.publish({ name: 'cis-aws', version: '1.0.0', digest: digestOf(v1), content: v1, signed: true, manifest: manifest('1.0.0') }), p1, 'same bytes again: a no-op');
    await t.rejects(
      store.bundles.publish({ name: 'cis-aws', version: '1.0.0', digest: digestOf(v2), content: v2, signed: true, manifest: manifest('1.0.0') }),
      { code: 'bundle_version_exists' },
    );
    await t.rejects(store.bundles.publish({ name: 'cis-aws', version: 'one', digest: digestOf(v2), content: v2, signed: false, manifest: manifest('1') }), { code: 'bundle_invalid' });
    await t.rejects(store.bundles.publish({ name: 'Bad Name', version: '1.0.0', digest: digestOf(v2), content: v2, signed: false, manifest: manifest('1') }), { code: 'bundle_invalid' });
    await store.bundles.publish({ name: 'cis-aws', version: '1.1.0', digest: digestOf(v2), path: '/srv/bundles/cis-aws-1.1.0.tar.gz', size: 3, signed: false, manifest: manifest('1.1.0') });

    t.same((await store.bundles.content('cis-aws', '1.0.0')).bytes, v1, 'bytes round-trip');
    t.same(await store.bundles.content('cis-aws', '1.1.0'), { path: '/srv/bundles/cis-aws-1.1.0.tar.gz', digest: digestOf(v2) });

    await store.bundles.activate('cis-aws', '1.0.0', 'alice');
    await store.bundles.activate('cis-aws', '1.1.0', 'alice');
    t.same((await store.bundles.active()).map((b) => b.version), ['1.1.0']);
    const back = await store.bundles.rollback('cis-aws', 'bob');
    t.match(back, { version: '1.0.0', previous_version: '1.1.0', activated_by: 'bob' });
    t.same((await store.bundles.list()), [{ name: 'cis-aws', created_at: p1.published_at, active_version: '1.0.0', versions: 2 }]);
    await t.rejects(store.bundles.deleteVersion('cis-aws', '1.0.0'), { code: 'bundle_active' });
    await store.bundles.deleteVersion('cis-aws', '1.1.0');
    t.same((await store.bundles.versions('cis-aws')).map((v) => [v.version, v.active]), [['1.0.0', true]]);
    await t.rejects(store.bundles.activate('cis-aws', '1.1.0'), { code: 'bundle_not_found' });
    await t.rejects(store.bundles.rollback('nope'), { code: 'bundle_no_previous' });
  });

  t.test(`${backend}: decision logs are masked, queried and pruned`, async (t) => {
    const { store, cleanup } = await makeStore(backend, { decisionMaskPaths: ['/input/password'] });
    t.teardown(cleanup);
    const base = Date.parse('2026-03-01T00:00:00.000Z');
    await store.decisions.record(
      Array.from({ length: 20 }, (_, i) => ({
        decision_id: `d-${String(i).padStart(2, '0')}`,
        path: i % 2 ? 'parapet/allow' : 'parapet/deny',
        input: { user: 'u', password: `pw${i}` },
        result: i % 3 ? true : undefined,
        revisions: { 'cis-aws': 'cis-aws@1.0.0' },
        timestamp: new Date(base + i * 60_000).toISOString(),
        latency_us: 100 + i,
      })),
    );
    const one = await store.decisions.get('d-04');
    t.same(one.input, { user: 'u', password: MASKED });
    t.equal(one.result, true);
    t.equal(one.latency_us, 104);
    t.equal((await store.decisions.get('d-00')).result, undefined, 'an undefined result stays undefined');
    const raw = JSON.stringify(await store.db.selectFrom('decision_logs').select('input').execute());
    t.notOk(/pw\d/.test(raw), 'masked before storage');
    await t.rejects(store.decisions.get('nope'), { code: 'decision_not_found' });

    const window = await store.decisions.query({ from: new Date(base + 5 * 60_000), to: new Date(base + 10 * 60_000), path: '/parapet/allow' });
    t.same(window.map((d) => d.decision_id), ['d-09', 'd-07', 'd-05']);
    const page1 = await store.decisions.query({ limit: 4 });
    const page2 = await store.decisions.query({ limit: 4, before: page1[3]! });
    t.same([...page1, ...page2].map((d) => d.decision_id), ['d-19', 'd-18', 'd-17', 'd-16', 'd-15', 'd-14', 'd-13', 'd-12']);

    t.equal(await store.decisions.prune({ maxAgeMs: 10 * 60_000, now: new Date(base + 19 * 60_000) }), 9, 'older than ten minutes');
    t.equal(await store.decisions.prune({ maxRows: 5 }), 6);
    t.equal(await store.decisions.count(), 5);
    t.same((await store.decisions.query()).map((d) => d.decision_id), ['d-19', 'd-18', 'd-17', 'd-16', 'd-15']);
  });
}
