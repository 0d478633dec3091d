import t from 'tap';
import { BACKENDS, makeStore, outcome, resource, runScan } from './store-harness.js';

const A = '111111111111';
const b = (n: number) => resource(`arn:aws:s3:::bucket-${n}`);
const [b1, b2, b3] = [b(1), b(2), b(3)];
const R1 = 'aws.s3.bucket_versioning';
const R2 = 'aws.s3.bucket_public_access_block';
const ACCT = 'aws.iam.root_mfa';

for (const backend of BACKENDS) {
  t.test(`${backend}: lifecycle across four scans`, async (t) => {
    const { store, cleanup } = await makeStore(backend);
    t.teardown(cleanup);
    const status = async (rule: string, res: { id: string }) => (await store.findings.get(rule, res.id))?.status;

    // Scan 1: three failures.
    const s1 = await runScan(store, 'prod', [b1, b2, b3], [
      outcome(R1, b1, 'FAIL'), outcome(R1, b2, 'FAIL'), outcome(R1, b3, 'PASS'), outcome(R2, b1, 'FAIL'),
    ]);
    t.equal(s1.status, 'succeeded');
    t.same(s1.counts?.outcomes, { PASS: 1, FAIL: 3, ERROR: 0 });
    t.same(s1.counts?.findings, { new: 3, open: 0, reopened: 0, resolved: 0, suppressed: 0 });
    t.equal(s1.counts?.resources, 3);
    t.equal(await status(R1, b1), 'new');
    const first = await store.findings.get(R1, b2.id);
    t.equal(first?.first_scan_id, s1.id);
    t.same(first?.evidence, [{ value: false }]);
    t.match(first?.message, /bucket-2 fails/);

    // Scan 2: b1 still fails (open), b2 fixed (resolved), R2 on b1 errors (unchanged).
    const s2 = await runScan(store, 'prod', [b1, b2, b3], [
      outcome(R1, b1, 'FAIL'), outcome(R1, b2, 'PASS'), outcome(R1, b3, 'PASS'), outcome(R2, b1, 'ERROR'),
    ]);
    t.equal(await status(R1, b1), 'open');
    t.equal(await status(R1, b2), 'resolved');
    t.equal(await status(R2, b1), 'new', 'an ERROR outcome never resolves a finding');
    t.same(
      (await store.findings.transitions({ scanId: s2.id })).map((x) => [x.rule_id, x.resource_id, x.from, x.to]),
      [[R1, b1.id, 'new', 'open'], [R1, b2.id, 'new', 'resolved']],
    );

    // Scan 3: b1 fixed, b2 fails again (reopened), b3 fails for the first time.
    const s3 = await runScan(store, 'prod', [b1, b2, b3], [
      outcome(R1, b1, 'PASS'), outcome(R1, b2, 'FAIL'), outcome(R1, b3, 'FAIL'), outcome(R2, b1, 'ERROR'),
    ]);
    t.equal(await status(R1, b1), 'resolved');
    t.equal(await status(R1, b2), 'reopened');
    t.equal(await status(R1, b3), 'new');
    t.equal(await status(R2, b1), 'new');
    const reopened = await store.findings.get(R1, b2.id);
    t.equal(reopened?.first_scan_id, s1.id, 'first seen survives a resolution');
    t.equal(reopened?.last_scan_id, s3.id);
    t.equal(reopened?.resolved_at, null);

    // Scan 4: bucket 3 deleted; R2 passes on b1; b2 keeps failing.
    const s4 = await runScan(store, 'prod', [b1, b2], [
      outcome(R1, b1, 'PASS'), outcome(R1, b2, 'FAIL'), outcome(R2, b1, 'PASS'),
    ]);
    t.equal(await status(R1, b2), 'open');
    t.equal(await status(R1, b3), 'resolved');
    t.equal(await status(R2, b1), 'resolved');
    const gone = (await store.findings.transitions({ scanId: s4.id })).find((x) => x.resource_id === b3.id);
    t.equal(gone?.reason, 'not_reported', 'the rule ran in the account and no longer names the bucket');

    // Diffs.
    const last = await store.findings.diff();
    t.equal(last.from, s3.id);
    t.equal(last.to, s4.id);
    t.same(last.new, []);
    t.same(last.reopened, []);
    t.same(last.resolved.map((f) => [f.rule_id, f.resource_id]).sort(), [[R1, b3.id], [R2, b1.id]].sort());
    const d23 = await store.findings.diff({ from: s2.id, to: s3.id });
    t.same(d23.new.map((f) => f.resource_id), [b3.id]);
    t.same(d23.resolved.map((f) => f.resource_id), [b1.id]);
    t.same(d23.reopened.map((f) => f.resource_id), [b2.id]);
    const d13 = await store.findings.diff({ from: s1.id, to: s3.id });
    t.same(d13.new.map((f) => f.resource_id), [b3.id]);
    t.same(d13.reopened.map((f) => f.resource_id), [b2.id], 'resolved then failing again across the range is reopened');
    t.same(d13.resolved.map((f) => f.resource_id), [b1.id]);
    const firstDiff = await store.findings.diff({ to: s1.id });
    t.equal(firstDiff.from, null);
    t.equal(firstDiff.new.length, 3);
    await t.rejects(store.findings.diff({ from: s3.id, to: s2.id }), { code: 'diff_invalid' });
    await t.rejects(store.findings.diff({ to: 999 }), { code: 'scan_not_found' });

    // Scores: all high severity, so the weighted share equals the plain one.
    t.same((await store.scores.forScan(s1.id, 'account')).map((s) => [s.key, s.score, s.passed, s.failed]), [[`aws:${A}`, 25, 1, 3]]);
    const trend = await store.scores.trend({ dimension: 'overall', key: 'all', target: 'prod' });
    t.same(trend.map((p) => p.scan_id), [s1.id, s2.id, s3.id, s4.id]);
    t.same(trend.map((p) => p.score), [25, 66.7, 33.3, 66.7]);
  });

  t.test(`${backend}: resources that vanish, account rules and partial scans`, async (t) => {
    const { store, cleanup } = await makeStore(backend);
    t.teardown(cleanup);
    const user = resource(`arn:aws:iam::${A}:user/bob`, { type: 'AWS::IAM::User' });
    const report = resource(`arn:aws:parapet:global:${A}:credential-report`, { type: 'Parapet::IAM::CredentialReport' });
    await runScan(store, 'prod', [b1, b2, report], [
      outcome(R1, b1, 'FAIL'), outcome(R1, b2, 'FAIL'), outcome(ACCT, user, 'FAIL'),
    ]);
    // A partial scan: b2 missing proves nothing.
    const partial = await runScan(store, 'prod', [b1, report], [outcome(R1, b1, 'FAIL'), outcome(ACCT, `aws:account:${A}`, 'PASS')], {
      complete: false,
    });
    t.equal(partial.status, 'partial');
    t.equal((await store.findings.get(R1, b2.id))?.status, 'new');
    t.equal((await store.findings.get(ACCT, user.id))?.status, 'new', 'an incomplete scan does not resolve by absence');

    // A complete scan: b2 is gone and so is the only resource of its type → resource_gone;
    // the account rule passes the account → not_reported for bob.
    const b9 = resource('arn:aws:s3:::other', { type: 'AWS::S3::Bucket' });
    const done = await runScan(store, 'prod', [b1, b9, report], [
      outcome(R1, b1, 'FAIL'), outcome(R1, b9, 'PASS'), outcome(ACCT, `aws:account:${A}`, 'PASS'),
    ]);
    const reasons = Object.fromEntries((await store.findings.transitions({ scanId: done.id })).map((x) => [x.resource_id, x.reason]));
    t.same(reasons, { [b2.id]: 'not_reported', [user.id]: 'not_reported' });
    t.equal((await store.findings.get(R1, b1.id))?.status, 'open');

    // A rule that errors in the account keeps the account's findings open, even when the resource disappears.
    await runScan(store, 'prod', [b1, report], [outcome(R1, b1, 'FAIL')]);
    const erring = await runScan(store, 'prod', [report], [outcome(R1, `arn:aws:s3:::elsewhere`, 'ERROR')]);
    t.equal(erring.status, 'succeeded');
    t.equal((await store.findings.get(R1, b1.id))?.status, 'open', 'ERROR for the rule in the account: no resolution');
    // The rule no longer errs and b1 is gone: resource_gone.
    const after = await runScan(store, 'prod', [report], [outcome(ACCT, `aws:account:${A}`, 'PASS'), outcome(R1, resource('arn:aws:s3:::x', { account: '222222222222' }), 'PASS')]);
    const t1 = (await store.findings.transitions({ scanId: after.id })).find((x) => x.resource_id === b1.id);
    t.equal(t1?.reason, 'resource_gone');

    // Findings of another target's accounts are untouched by this target's scans.
    await runScan(store, 'staging', [resource('arn:aws:s3:::stg', { account: '333333333333' })], [
      outcome(R1, resource('arn:aws:s3:::stg', { account: '333333333333' }), 'FAIL'),
    ]);
    await runScan(store, 'prod', [report], [outcome(R1, resource('arn:aws:s3:::y'), 'PASS')]);
    t.equal((await store.findings.get(R1, 'arn:aws:s3:::stg'))?.status, 'new');
    t.equal((await store.findings.diff({ target: 'staging' })).new.length, 1);
  });
}
