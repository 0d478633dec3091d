import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openInventory, type InventoryItem } from './read.js';

const header = { version: 'parapet.inventory/v1', generated_at: '2024-06-01T00:00:00Z', sources: [] };
const good = { id: 'arn:aws:s3:::a', provider: 'aws', type: 'AWS::S3::Bucket', account: '1', region: 'us-east-1', name: 'a', tags: {}, config: {} };
const dir = mkdtempSync(join(tmpdir(), 'parapet-read-'));

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
