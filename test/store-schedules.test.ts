import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromRoot } from '../common/paths.js';
import { buildBundle } from '../engine/bundle/build.js';
import { Scheduler } from '../posture/scheduler.js';
import type { Schedule } from '../store/schedules.js';
import type { ScanRecord } from '../store/scans.js';
import { BACKENDS, makeStore, resource } from './store-harness.js';

const work = mkdtempSync(join(tmpdir(), 'parapet-schedules-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
let bundle: string;
const inventory = join(work, 'estate.ndjson');
t.before(async () => {
  bundle = (
    await buildBundle(fromRoot('engine', 'bundle', 'testdata', 'bundles', 'fixture.json'), {
      policiesDir: fromRoot('engine', 'bundle', 'testdata', 'policies'),
      outDir: work,
    })
  ).file;
  const header = { version: 'parapet.inventory/v1', generated_at: '2026-11-02T08:00:00.000Z', sources: [{ provider: 'aws', scope: 'file:estate', collector: 'test', started_at: '2026-11-02T08:00:00.000Z', complete: true }] };
  writeFileSync(inventory, [header, resource('arn:aws:s3:::open-bucket')].map((x) => JSON.stringify(x)).join('\n') + '\n');
});

for (const backend of BACKENDS) {
  t.test(`${backend}: schedules are validated, replaced and removed`, async (t) => {
    const { store, cleanup } = await makeStore(backend);
    t.teardown(cleanup);
    await t.rejects(store.schedules.put({ target: 'prod', cron: 'every tuesday', spec: { bundle: 'all', inventory: 'x' } }), { code: 'schedule_invalid', message: /invalid cron expression/ });
    await t.rejects(store.schedules.put({ target: 'prod', cron: '0 3 * * *', spec: { bundle: '', inventory: 'x' } }), { code: 'schedule_invalid' });
    await t.rejects(store.schedules.put({ target: 'prod', cron: '0 3 * * *', spec: { bundle: 'all', inventory: 'x', imports: ['y'] } }), { code: 'schedule_invalid' });
    const first = await store.schedules.put({ target: 'prod', cron: '0 3 * * *', spec: { bundle: 'all', imports: ['exports/'] } });
    const second = await store.schedules.put({ target: 'prod', cron: '30 2 * * *', spec: { bundle: 'cis-aws', inventory: 'inv.ndjson' }, enabled: false });
    t.equal(second.id, first.id, 'one schedule per target: replaced in place');
    t.match(second, { cron: '30 2 * * *', spec: { bundle: 'cis-aws', inventory: 'inv.ndjson' }, enabled: false });
    t.same(await store.schedules.list({ enabledOnly: true }), []);
    await store.schedules.remove('prod');
    await t.rejects(store.schedules.get('prod'), { code: 'schedule_not_found' });
    await t.rejects(store.schedules.remove('prod'), { code: 'schedule_not_found' });
  });

  t.test(`${backend}: the scheduler scans on its cron and skips a target whose scan is running`, async (t) => {
    const { store, cleanup } = await makeStore(backend);
    t.teardown(cleanup);
    await store.schedules.put({ target: 'nightly', cron: '* * * * * *', spec: { bundle, inventory } });
    const skipped: string[] = [];
    const scans: ScanRecord[] = [];
    const errors: unknown[] = [];
    const scheduler = new Scheduler(store, {
      onSkip: (_s: Schedule, reason) => skipped.push(reason),
      onScan: (_s, scan) => scans.push(scan),
      onError: (_s, err) => errors.push(err),
    });
    const manual = await store.scans.start({ target: 'nightly', trigger: 'cli' });
    await scheduler.start();
    t.ok(scheduler.nextRuns().nightly instanceof Date);
    for (let i = 0; i < 200 && skipped.length === 0; i++) await sleep(25);
    t.match(skipped[0], /target "nightly" is already running/, 'a tick during a running scan is skipped');
    await store.scans.fail(manual.id, 'given up');
    for (let i = 0; i < 1200 && scans.length === 0; i++) await sleep(25);
    await scheduler.stop();
    t.same(errors, []);
    t.ok(scans.length >= 1, 'a scheduled scan ran');
    t.match(scans[0], { target: 'nightly', trigger: 'schedule', status: 'succeeded', bundle: { name: 'fixture' } });
    t.equal((await store.schedules.get('nightly')).last_scan_id, scans[scans.length - 1]!.id);
    t.match((await store.findings.get('aws.s3.bucket_public_access_block', 'arn:aws:s3:::open-bucket'))?.status, /^(new|open)$/, 'its finding is stored');
  });
}
