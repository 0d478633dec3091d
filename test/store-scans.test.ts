import t from 'tap';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { distModule } from '../common/paths.js';
import { BACKENDS, makeStore, outcome, resource, runScan } from './store-harness.js';

const R1 = 'aws.s3.bucket_versioning';
const bucket = resource('arn:aws:s3:::bucket-1');

for (const backend of BACKENDS) {
  t.test(`${backend}: never two scans of one target at once`, async (t) => {
    const { store, cleanup } = await makeStore(backend);
    t.teardown(cleanup);
    const results = await Promise.allSettled([1, 2, 3].map(() => store.scans.start({ target: 'prod' })));
    const started = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    t.equal(started.length, 1, 'exactly one scan of the target starts');
    t.equal(refused.length, 2);
    for (const r of refused) t.match(r.reason, { code: 'scan_locked', message: /target "prod" is already running \(scan \d+, pid \d+/ });
    const other = await store.scans.start({ target: 'staging' });
    t.equal(other.status, 'running', 'another target runs alongside');
    const first = (started[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof store.scans.start>>>).value;
    await store.scans.finish(first.id, {});
    const next = await store.scans.start({ target: 'prod' });
    t.equal(next.status, 'running', 'the target is free once the scan finishes');
    await store.scans.fail(next.id, 'collector crashed');
    t.match(await store.scans.get(next.id), { status: 'failed', error: 'collector crashed' });
    await t.rejects(store.scans.finish(next.id), { code: 'scan_not_running' });
    const again = await store.scans.start({ target: 'prod' });
    t.equal(again.status, 'running', 'a failed scan frees the target');
    await t.rejects(store.scans.start({ target: ' ' }), { code: 'scan_invalid' });
    await t.rejects(store.scans.get(424242), { code: 'scan_not_found' });
  });

  t.test(`${backend}: a SIGKILLed scan is marked failed at the next start, and the store is intact`, async (t) => {
    const ts = await makeStore(backend);
    t.teardown(ts.cleanup);
    const { store } = ts;
    const done = await runScan(store, 'prod', [bucket], [outcome(R1, bucket, 'FAIL')]);
    t.equal((await store.findings.get(R1, bucket.id))?.status, 'new');

    const child = spawn(process.execPath, [distModule('test', 'store-scan-child.js'), ts.location, 'prod'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    const [line] = (await once(lines, 'line')) as [string];
    const killedId = Number(/^RUNNING (\d+)$/.exec(line)?.[1]);
    t.ok(killedId > done.id, `the child runs scan ${killedId}`);
    await t.rejects(store.scans.start({ target: 'prod' }), { code: 'scan_locked' }, 'the live child holds the target');

    child.kill('SIGKILL');
    await once(child, 'exit');
    const written = (await store.scans.outcomes(killedId, { limit: 100_000 })).length;
    t.ok(written >= 400, `the killed scan had written ${written} outcomes`);

    const next = await store.scans.start({ target: 'prod' });
    const killed = await store.scans.get(killedId);
    t.equal(killed.status, 'failed');
    t.match(killed.error, /pid \d+ .* ended without finishing the scan; marked failed at the next start/);
    t.ok(killed.finished_at);
    const f = await store.findings.get(R1, bucket.id);
    t.equal(f?.status, 'new', 'the killed scan changed no finding');
    t.equal(f?.last_scan_id, done.id);
    t.same(await store.findings.transitions({ scanId: killedId }), []);
    await store.scans.addResources(next.id, [bucket]);
    await store.scans.addOutcomes(next.id, [outcome(R1, bucket, 'FAIL')]);
    const finished = await store.scans.finish(next.id, {});
    t.equal(finished.status, 'succeeded');
    t.equal((await store.findings.get(R1, bucket.id))?.status, 'open');
    if (backend === 'sqlite') {
      const { sql } = await import('kysely');
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
      t.same(check.rows, [{ integrity_check: 'ok' }]);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      t.same(mode.rows, [{ journal_mode: 'wal' }]);
    }
  });

  t.test(`${backend}: a scan whose heartbeat went stale elsewhere is marked failed`, async (t) => {
    const { store, cleanup } = await makeStore(backend, { staleAfterMs: 60_000 });
    t.teardown(cleanup);
    const lost = await store.scans.start({ target: 'prod' });
    await store.db
      .updateTable('scans')
      .set({ host: 'another-host', pid: 1, heartbeat_at: new Date(Date.now() - 120_000).toISOString() })
      .where('id', '=', lost.id)
      .execute();
    t.same(await store.scans.recoverKilled(), [lost.id]);
    const fresh = await store.scans.start({ target: 'other' });
    await store.scans.heartbeat(fresh.id);
    t.same(await store.scans.recoverKilled(), []);
    t.match(await store.scans.get(lost.id), { status: 'failed', error: /no heartbeat since .* on another-host/ });
    t.equal((await store.scans.get(fresh.id)).status, 'running', 'a live scan with a fresh heartbeat stays');
    t.equal((await store.scans.start({ target: 'prod' })).status, 'running');
    t.same((await store.scans.list({ target: 'prod' })).map((s) => s.status), ['running', 'failed']);

    // This host and this very pid, but another process instance: a reused pid (a container's pid 1).
    const reused = await store.scans.start({ target: 'pid-reuse' });
    await store.db.updateTable('scans').set({ instance: 'an-earlier-process' }).where('id', '=', reused.id).execute();
    t.same(await store.scans.recoverKilled(), [reused.id]);
    t.match(await store.scans.get(reused.id), { status: 'failed', error: new RegExp(`pid ${process.pid} .* ended without finishing`) });
  });
}
