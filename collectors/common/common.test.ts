import t from 'tap';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { InventoryWriter } from './inventory-writer.js';
import { withRetry, isTransientError } from './retry.js';
import { createProgress } from './progress.js';
import type { Resource } from '../schema/inventory.js';

const resource = (i: number): Resource => ({ id: `arn:aws:s3:::b${i}`, provider: 'aws', type: 'AWS::S3::Bucket', account: '1', region: 'us-east-1', name: `b${i}`, tags: {}, config: { i } });
const source = { provider: 'aws' as const, scope: 'aws:1/us-east-1', collector: 'test', started_at: '2026-01-01T00:00:00.000Z', complete: true };

t.test('inventory writer: header first, atomic, leaves no temporary files; abort keeps the old file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'parapet-writer-'));
  const out = join(dir, 'inv.ndjson');
  await writeFile(out, 'previous\n');
  const w = await InventoryWriter.open(out);
  for (let i = 0; i < 1000; i++) await w.write(resource(i));
  t.equal(await readFile(out, 'utf8'), 'previous\n', 'the destination is untouched until finish');
  const done = await w.finish([source], new Date('2026-01-02T00:00:00Z'));
  t.equal(done.resources, 1000);
  const lines = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  t.same(lines[0], { version: 'parapet.inventory/v1', generated_at: '2026-01-02T00:00:00.000Z', sources: [source] });
  t.equal(lines.length, 1001);
  t.same(lines[1000], resource(999));
  t.same(await readdir(dir), ['inv.ndjson'], 'no temporary files left');
  await t.rejects(w.write(resource(1)), { code: 'inventory_closed' });

  const aborted = await InventoryWriter.open(out);
  await aborted.write(resource(1));
  await aborted.abort();
  t.equal((await readFile(out, 'utf8')).split('\n').length, 1002, 'an aborted collection leaves the last inventory');
  t.same(await readdir(dir), ['inv.ndjson']);

  const json = join(dir, 'inv.json');
  const jw = await InventoryWriter.open(json);
  await jw.write(resource(1));
  await jw.write(resource(2));
  await jw.finish([source]);
  const doc = JSON.parse(await readFile(json, 'utf8'));
  t.same(doc.resources, [resource(1), resource(2)]);
  const empty = await InventoryWriter.open(join(dir, 'empty.json'));
  await empty.finish([]);
  t.same(JSON.parse(await readFile(join(dir, 'empty.json'), 'utf8')).resources, []);
  await t.rejects(InventoryWriter.open(join(dir, 'inv.ndjson', 'x.ndjson')), { code: 'inventory_write_failed' });
});

t.test('retry: transient faults retried with bounded jittered backoff; others pass straight through', async (t) => {
  const delays: number[] = [];
  let calls = 0;
  const value = await withRetry(async () => {
    calls++;
    if (calls < 4) throw Object.assign(new Error('slow down'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    return 'ok';
  }, { attempts: 5, baseMs: 8, random: () => 0.999, onRetry: (_e, _a, d) => delays.push(d) });
  t.equal(value, 'ok');
  t.same(delays, [7, 15, 31], 'full jitter under base * 2^(n-1)');
  let once = 0;
  await t.rejects(withRetry(async () => { once++; throw Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }); }, { baseMs: 1 }), { name: 'AccessDeniedException' });
  t.equal(once, 1);
  let tries = 0;
  await t.rejects(withRetry(async () => { tries++; throw Object.assign(new Error('boom'), { $metadata: { httpStatusCode: 503 } }); }, { attempts: 3, baseMs: 1 }), /boom/);
  t.equal(tries, 3, 'gives up after its attempts');
  t.ok(isTransientError({ code: 'ECONNRESET' }));
  t.ok(isTransientError({ statusCode: 429 }));
  t.notOk(isTransientError(new Error('plain')));
});

t.test('progress: drawn with resources, pages, retries and rate; silent when not a terminal', async (t) => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => { text += d; });
  const p = createProgress({ stream: stream as unknown as NodeJS.WritableStream, force: true, label: 'aws' });
  p.scope('1/us-east-1');
  p.page(2);
  p.retry();
  p.resources(5);
  p.stop();
  t.match(text, /aws 1\/us-east-1 \| resources 5 \| pages 2 \| retries 1 \| \d+\/s/);
  t.same(p.counts, { resources: 5, pages: 2, retries: 1 });
  const quiet = new PassThrough();
  let said = '';
  quiet.on('data', (d) => { said += d; });
  const q = createProgress({ stream: quiet as unknown as NodeJS.WritableStream });
  q.resources(3);
  q.stop();
  t.equal(said, '');
  t.equal(q.counts.resources, 3);
});
