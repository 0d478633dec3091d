import t from 'tap';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distModule } from '../../common/paths.js';
import { openInventory, type InventoryItem } from './read.js';

const header = { version: 'parapet.inventory/v1', generated_at: '2024-06-01T00:00:00Z', sources: [] };
const good = { id: 'arn:aws:s3:::a', provider: 'aws', type: 'AWS::S3::Bucket', account: '1', region: 'us-east-1', name: 'a', tags: {}, config: {} };
const dir = mkdtempSync(join(tmpdir(), 'parapet-read-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

async function all(path: string): Promise<InventoryItem[]> {
  const items: InventoryItem[] = [];
  for await (const item of (await openInventory(path)).items) items.push(item);
  return items;
}

t.test('NDJSON, gzip and JSON documents; invalid and truncated records are reported with their line', async (t) => {
  const lines = [JSON.stringify(header), JSON.stringify(good), JSON.stringify({ ...good, id: 'b', config: undefined }), '{"id": "trunc'];
  writeFileSync(join(dir, 'inv.ndjson'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'inv.ndjson.gz'), gzipSync(lines.join('\n')));
  writeFileSync(join(dir, 'inv.json'), JSON.stringify({ ...header, resources: [good, { ...good, provider: 'oci' }] }, null, 2));
  for (const file of ['inv.ndjson', 'inv.ndjson.gz']) {
    const items = await all(join(dir, file));
    t.match(items[0], { kind: 'resource', line: 2, resource: { id: 'arn:aws:s3:::a' } }, file);
    t.match(items[1], { kind: 'invalid', line: 3, id: 'b', errors: [/required property 'config'/] });
    t.match(items[2], { kind: 'invalid', line: 4, errors: [/line 4 is not valid JSON \(truncated or malformed\)/] });
  }
  const doc = await openInventory(join(dir, 'inv.json'));
  t.equal(doc.format, 'json');
  const items = await all(join(dir, 'inv.json'));
  t.match(items, [{ kind: 'resource', line: 1 }, { kind: 'invalid', line: 2, errors: [/provider/] }]);
});

t.test('a bad header or an unreadable file is a clear error', async (t) => {
  writeFileSync(join(dir, 'bad.ndjson'), JSON.stringify({ version: 'v0', sources: [] }) + '\n');
  await t.rejects(openInventory(join(dir, 'bad.ndjson')), { code: 'inventory_invalid_header' });
  await t.rejects(openInventory(join(dir, 'missing.ndjson')), { code: 'inventory_unreadable' });
  writeFileSync(join(dir, 'empty.ndjson'), '');
  await t.rejects(openInventory(join(dir, 'empty.ndjson')), { code: 'inventory_empty' });
});

t.test('a JSON document streams: header after resources, malformed elements by position, truncation refused', async (t) => {
  const after = join(dir, 'after.json');
  writeFileSync(after, `{"resources": [${JSON.stringify(good)}, {"id": "x"}, {"broken": tru}], "version": "parapet.inventory/v1", "generated_at": "2024-06-01T00:00:00Z", "sources": []}`);
  const opened = await openInventory(after);
  t.same(opened.header, header);
  t.match(await all(after), [
    { kind: 'resource', line: 1, text: JSON.stringify(good) },
    { kind: 'invalid', line: 2, id: 'x' },
    { kind: 'invalid', line: 3, errors: [/resources element 3 is not valid JSON/] },
  ]);
  const truncated = join(dir, 'truncated.json');
  writeFileSync(truncated, `{"version": "parapet.inventory/v1", "generated_at": "2024-06-01T00:00:00Z", "sources": [], "resources": [${JSON.stringify(good)}, {"id": "cut`);
  await t.rejects(all(truncated), { code: 'inventory_malformed', message: /ends inside a string in resources element 2 \(truncated\)/ });
  const noResources = join(dir, 'no-resources.json');
  writeFileSync(noResources, JSON.stringify(header, null, 2));
  await t.rejects(openInventory(noResources), { code: 'inventory_invalid_header', message: /no resources array/ });
});

t.test('a JSON document larger than the heap is read in bounded memory', async (t) => {
  // ~80 MB on one line; the reader runs in a child whose old space is capped at 48 MB.
  const path = join(dir, 'big.json');
  const n = 60_000;
  const out = createWriteStream(path);
  out.write(`{"version":"parapet.inventory/v1","generated_at":"2024-06-01T00:00:00Z","sources":[],"resources":[`);
  for (let i = 0; i < n; i++) {
    if (!out.write((i ? ',' : '') + JSON.stringify({ ...good, id: `r${i}`, config: { pad: 'y'.repeat(1300) } }))) await once(out, 'drain');
  }
  out.write(']}');
  out.end();
  await once(out, 'finish');
  const script = `import(${JSON.stringify(distModule('collectors', 'schema', 'read.js'))}).then(async ({ openInventory }) => {
    let ok = 0; for await (const item of (await openInventory(${JSON.stringify(path)})).items) if (item.kind === 'resource') ok++;
    console.log(ok, Math.round(process.memoryUsage().heapUsed / 1e6));
  })`;
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, ['--max-old-space-size=48', '--input-type=module', '-e', script], (err, stdout, stderr) =>
      resolve({ code: err ? (child.exitCode ?? 1) : 0, stdout, stderr }),
    );
  });
  t.equal(result.code, 0, result.stderr.slice(0, 500));
  t.match(result.stdout, new RegExp(`^${n} \\d+\\n$`), 'every resource read');
});
