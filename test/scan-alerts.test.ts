/**
 * The posture loop end to end: a finished scan delivers its alerts, and
 * `parapet serve`'s scheduler runs the stored schedules.
 */
import t from 'tap';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromRoot } from '../common/paths.js';
import { buildBundle } from '../engine/bundle/build.js';
import { runScan } from '../posture/scan.js';
import { createServer } from '../server/index.js';
import { AlertRepository } from '../store/alerts.js';
import { openStore } from '../store/index.js';
import { resource } from './store-harness.js';

const work = mkdtempSync(join(tmpdir(), 'parapet-scan-alerts-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
let bundle: string;

function writeInventory(file: string, ids: string[]): string {
  const header = { version: 'parapet.inventory/v1', generated_at: '2026-11-02T08:00:00.000Z', sources: [{ provider: 'aws', scope: 'file:estate', collector: 'test', started_at: '2026-11-02T08:00:00.000Z', complete: true }] };
  writeFileSync(file, [header, ...ids.map((id) => resource(id))].map((x) => JSON.stringify(x)).join('\n') + '\n');
  return file;
}

t.before(async () => {
  bundle = (
    await buildBundle(fromRoot('engine', 'bundle', 'testdata', 'bundles', 'fixture.json'), {
      policiesDir: fromRoot('engine', 'bundle', 'testdata', 'policies'),
      outDir: work,
    })
  ).file;
});

t.test('a finished scan delivers one alert per new finding to the webhook', async (t) => {
  const received: Array<{ event: string; finding: { resource_id: string; title?: string } }> = [];
  const hook = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  t.teardown(() => hook.close());
  const store = await openStore({ location: join(work, 'alerts.db') });
  t.teardown(() => store.close());
  await new AlertRepository(store.db).createRule({
    name: 'new findings', min_severity: 'info', frameworks: [], transitions: ['new', 'reopened'], channel: 'webhook',
    config: { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`, secret: 's3cret' },
  });
  const inventory = writeInventory(join(work, 'two.ndjson'), ['arn:aws:s3:::open-a', 'arn:aws:s3:::open-b']);
  const { scan } = await runScan({ store, target: 'prod', inventory, bundle, threads: 1 });
  const failing = scan.counts?.outcomes.FAIL ?? 0;
  t.ok(failing > 0, 'the fixture rules fail the open buckets');
  t.equal(received.length, failing, 'one alert per new finding');
  t.same(new Set(received.map((r) => r.event)), new Set(['finding.new']));
  t.ok(received.every((r) => typeof r.finding.title === 'string' && r.finding.title.length > 0), 'alerts carry the rule title from the bundle');
  const again = await runScan({ store, target: 'prod', inventory, bundle, threads: 1 });
  t.equal(again.scan.status, 'succeeded');
  t.equal(received.length, failing, 'still-open findings raise no new alert');
});

t.test('parapet serve runs the stored schedules', async (t) => {
  const store = await openStore({ location: join(work, 'schedules.db') });
  const inventory = writeInventory(join(work, 'one.ndjson'), ['arn:aws:s3:::open-c']);
  await store.schedules.put({ target: 'every-second', cron: '* * * * * *', spec: { bundle, inventory } });
  const server = await createServer({ store, scheduler: true, pool: { threads: 1 } });
  t.teardown(async () => {
    await server.close();
    await store.close();
  });
  let scans = await store.scans.list({ target: 'every-second', finished: true });
  for (let i = 0; i < 300 && scans.length === 0; i++) {
    await sleep(50);
    scans = await store.scans.list({ target: 'every-second', finished: true });
  }
  t.ok(scans.length >= 1, 'a scheduled scan ran');
  t.equal(scans[0].trigger, 'schedule');
  t.equal((await store.schedules.get('every-second')).last_scan_id !== null, true, 'the schedule records its run');
});
