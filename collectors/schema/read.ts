/**
 * Reads a `parapet.inventory/v1` inventory: NDJSON (a header line, then one resource a
 * line) streamed line by line, or a JSON document; from a path (`.gz` too) or stdin
 * (`-`). Every resource is validated against the schema; one that fails (or a line
 * that is not JSON) is yielded as an `invalid` record with its line number, never
 * skipped. A JSON document is one value and is parsed whole: use NDJSON for estates
 * that should stream.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ParapetError } from '../../common/errors.js';
import type { InventoryHeader, Resource } from './inventory.js';
import { describeErrors, validators } from './validate.js';

export type InventoryItem =
  | { kind: 'resource'; line: number; resource: Resource }
  | { kind: 'invalid'; line: number; errors: string[]; id?: string; type?: string; provider?: string; account?: string; region?: string };

export interface OpenInventory {
  format: 'ndjson' | 'json';
  header: InventoryHeader;
  items: AsyncIterable<InventoryItem>;
}

async function isGzip(path: string): Promise<boolean> {
  if (path.endsWith('.gz')) return true;
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

async function source(path: string): Promise<Readable> {
  if (path === '-') return process.stdin;
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new ParapetError('inventory_unreadable', `cannot read inventory ${path}: ${err.message}`)));
  });
  return (await isGzip(path)) ? stream.pipe(createGunzip()) : stream;
}

function classify(line: number, value: unknown): InventoryItem {
  const { resource } = validators();
  if (resource(value)) return { kind: 'resource', line, resource: value as Resource };
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  return {
    kind: 'invalid', line, errors: describeErrors(resource.errors),
    id: str('id'), type: str('type'), provider: str('provider'), account: str('account'), region: str('region'),
  };
}

function checkHeader(path: string, value: unknown): InventoryHeader {
  const { header } = validators();
  if (!header(value)) {
    throw new ParapetError('inventory_invalid_header', `inventory ${path}: invalid header: ${describeErrors(header.errors).join('; ')}`);
  }
  return value as InventoryHeader;
}

/** Opens an inventory: validates its header now, yields its resources lazily. */
export async function openInventory(path: string): Promise<OpenInventory> {
  const input = await source(path);
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done || first.value.trim() === '') throw new ParapetError('inventory_empty', `inventory ${path} is empty`);
  let firstValue: unknown;
  try {
    firstValue = JSON.parse(first.value);
  } catch {
    firstValue = undefined;
  }
  const isNdjsonHeader = !!firstValue && typeof firstValue === 'object' && !Array.isArray(firstValue) && !('resources' in firstValue);
  if (isNdjsonHeader) {
    const header = checkHeader(path, firstValue);
    async function* items(): AsyncGenerator<InventoryItem> {
      let line = 1;
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        line++;
        const text = next.value;
        if (text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (err) {
          yield { kind: 'invalid', line, errors: [`line ${line} is not valid JSON (truncated or malformed): ${(err as Error).message}`] };
          continue;
        }
        yield classify(line, value);
      }
    }
    return { format: 'ndjson', header, items: items() };
  }
  // A JSON document: gather the rest and parse it as one value.
  const parts = [first.value];
  for (let next = await lines.next(); !next.done; next = await lines.next()) parts.push(next.value);
  let doc: unknown;
  try {
    doc = JSON.parse(parts.join('\n'));
  } catch (err) {
    throw new ParapetError('inventory_malformed', `inventory ${path} is neither NDJSON (header on line 1) nor a JSON document: ${(err as Error).message}`);
  }
  const header = checkHeader(path, doc);
  const resources = (doc as { resources?: unknown }).resources;
  if (!Array.isArray(resources)) throw new ParapetError('inventory_invalid_header', `inventory ${path}: the document has no resources array`);
  const list: unknown[] = resources;
  async function* items(): AsyncGenerator<InventoryItem> {
    // A document has no resource lines: `line` is the resource's 1-based position in `resources`.
    for (let i = 0; i < list.length; i++) yield classify(i + 1, list[i]);
  }
  const { version, generated_at, sources } = header;
  return { format: 'json', header: { version, generated_at, sources }, items: items() };
}


