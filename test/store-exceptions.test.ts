import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { scopeMatcher } from '../store/exceptions.js';
import { BACKENDS, makeStore, outcome, resource, runScan } from './store-harness.js';

const R1 = 'aws.s3.bucket_versioning';
const dev = resource('arn:aws:s3:::dev-logs', { tags: { env: 'dev', team: 'data' } });
const prod = resource('arn:aws:s3:::prod-logs', { tags: { env: 'prod' } });
const other = resource('arn:aws:s3:::other', { account: '222222222222' });
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

t.test('scope matching: every given part must match; * in rule and resource ids', async (t) => {
  const subject = { rule_id: R1, resource_id: dev.id, account: dev.account, tags: dev.tags };
  t.ok(scopeMatcher({ rule: R1 })(subject));
  t.ok(scopeMatcher({ rule: 'aws.s3.*' })(subject));
  t.notOk(scopeMatcher({ rule: 'aws.ec2.*' })(subject));
  t.ok(scopeMatcher({ resource: 'arn:aws:s3:::dev-*' })(subject));
  t.ok(scopeMatcher({ account: '111111111111', tag: { key: 'env', value: 'dev' } })(subject));
  t.notOk(scopeMatcher({ account: '111111111111', tag: { key: 'env', value: 'prod' } })(subject));
  t.ok(scopeMatcher({ tag: { key: 'team' } })(subject), 'a tag key alone matches any value');
  t.notOk(scopeMatcher({ tag: { key: 'owner' } })(subject));
  t.notOk(scopeMatcher({ rule: 'aws.s3.bucket_versioning.x' })(subject));
  t.notOk(scopeMatcher({ resource: 'arn:aws:s3:::dev-logs.' })(subject), 'no regex leaks through ids');
});

for (const backend of BACKENDS) {
  t.test(`${backend}: exceptions suppress, expire, reopen, and leave an audit trail`, async (t) => {
    const { store, cleanup } = await makeStore(backend);
    t.teardown(cleanup);
    const ex = store.exceptions;

    await t.rejects(ex.create({ owner: 'a', reason: 'b', createdBy: 'c', expiresAt: inFuture(60_000) }), { code: 'exception_invalid' }, 'needs a scope');
    await t.rejects(ex.create({ rule: R1, owner: ' ', reason: 'b', createdBy: 'c', expiresAt: inFuture(60_000) }), { code: 'exception_invalid' });
    await t.rejects(ex.create({ rule: R1, owner: 'a', reason: 'b', createdBy: 'c', expiresAt: '2001-01-01' }), { code: 'exception_invalid', message: /not in the future/ });
    await t.rejects(ex.create({ rule: R1, owner: 'a', reason: 'b', createdBy: 'c', expiresAt: 'next tuesday' }), { code: 'exception_invalid', message: /invalid expiry/ });
    await t.rejects(ex.expire('exc_missing', 'me'), { code: 'exception_not_found' });

    const byTag = await ex.create({ tag: { key: 'env', value: 'dev' }, owner: 'data-team', reason: 'dev buckets hold no customer data', createdBy: 'alice', expiresAt: inFuture(86_400_000) });
    const short = await ex.create({ account: '222222222222', rule: R1, owner: 'ops', reason: 'migration window', createdBy: 'bob', expiresAt: inFuture(1500) });
    t.match(byTag, { id: /^exc_[0-9a-f]{12}$/, scope: { tag: { key: 'env', value: 'dev' } }, owner: 'data-team', created_by: 'alice', revoked_at: null });

    const s1 = await runScan(store, 'prod', [dev, prod, other], [outcome(R1, dev, 'FAIL'), outcome(R1, prod, 'FAIL'), outcome(R1, other, 'FAIL')]);
    t.equal((await store.findings.get(R1, dev.id))?.suppressed_by, byTag.id);
    t.equal((await store.findings.get(R1, other.id))?.suppressed_by, short.id);
    t.equal((await store.findings.get(R1, prod.id))?.suppressed_by, null);
    t.equal(s1.counts?.findings.suppressed, 2);
    t.equal((await store.findings.list({ suppressed: true })).length, 2, 'suppressed findings are kept, and marked');
    const overall = (await store.scores.forScan(s1.id, 'overall'))[0];
    t.same([overall?.passed, overall?.failed, overall?.score], [0, 1, 0], 'accepted risks count on neither side of the score');

    // The dev exception is expired by hand; the short one runs out by itself.
    const expired = await ex.expire(byTag.id, 'carol');
    t.ok(expired.expires_at <= new Date().toISOString());
    await t.rejects(ex.expire(byTag.id, 'carol'), { code: 'exception_expired' });
    await sleep(1600);
    t.same((await ex.list({ activeAt: new Date().toISOString() })).map((e) => e.id), [], 'no exception is active any more');

    const s2 = await runScan(store, 'prod', [dev, prod, other], [outcome(R1, dev, 'FAIL'), outcome(R1, prod, 'FAIL'), outcome(R1, other, 'FAIL')]);
    for (const r of [dev, other]) {
      const f = await store.findings.get(R1, r.id);
      t.equal(f?.status, 'reopened', `${r.id} shows as reopened once its exception expired`);
      t.equal(f?.suppressed_by, null);
    }
    t.equal((await store.findings.get(R1, prod.id))?.status, 'open');
    const reasons = (await store.findings.transitions({ scanId: s2.id })).filter((x) => x.to === 'reopened').map((x) => x.reason);
    t.same(reasons, ['exception_expired', 'exception_expired']);
    const diff = await store.findings.diff();
    t.same(diff.reopened.map((f) => f.resource_id).sort(), [dev.id, other.id].sort());

    // Revoking is a change too.
    const third = await ex.create({ resource: prod.id, owner: 'sec', reason: 'compensating control', createdBy: 'dan', expiresAt: inFuture(86_400_000) });
    await runScan(store, 'prod', [dev, prod, other], [outcome(R1, prod, 'FAIL')]);
    t.equal((await store.findings.get(R1, prod.id))?.suppressed_by, third.id);
    const revoked = await ex.revoke(third.id, 'erin');
    t.equal(revoked.revoked_by, 'erin');
    await t.rejects(ex.revoke(third.id, 'erin'), { code: 'exception_revoked' });

    const trail = await ex.audit();
    t.same(trail.map((a) => [a.exception_id, a.action, a.actor]), [
      [byTag.id, 'create', 'alice'],
      [short.id, 'create', 'bob'],
      [byTag.id, 'expire', 'carol'],
      [third.id, 'create', 'dan'],
      [third.id, 'revoke', 'erin'],
    ]);
    const expireEntry = trail[2]!;
    t.equal(expireEntry.before?.expires_at, byTag.expires_at);
    t.equal(expireEntry.after?.expires_at, expired.expires_at);
    t.equal(trail[0]!.before, null);
    t.equal((await ex.list()).length, 3, 'exceptions are never deleted');
  });
}
