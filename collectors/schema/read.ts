/**
 * Reads a `parapet.inventory/v1` inventory: NDJSON (a header line, then one resource a
 * line) or a JSON document, both streamed (a JSON document through a small state
 * machine, json-document.ts), from a path (`.gz` too) or stdin (`-`). Every resource is
 * validated against the schema; one that fails (or a line that is not JSON) is yielded
 * as an `invalid` record with its line number (for a JSON document, its 1-based
 * position in `resources`), never skipped. Each resource comes with its raw JSON text,
 * which keeps integers beyond 2^53 exact for the evaluator.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ParapetError } from '../../common/errors.js';
import type { InventoryHeader, Resource } from './inventory.js';
import { readInventoryDocument, type DocumentEvent } from './json-document.js';
import { describeErrors, validators } from './validate.js';

export type InventoryItem =
  | { kind: 'resource'; line: number; resource: Resource; /** The record's JSON text as read. */ text: string }
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

function classify(line: number, value: unknown, text: string): InventoryItem {
  const { resource } = validators();
  if (resource(value)) return { kind: 'resource', line, resource: value as Resource, text };
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

/** The first line must fit in this many characters to be taken for an NDJSON header. */
const MAX_HEADER_LINE = 16 * 1024 * 1024;

async function* textChunks(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  for await (const chunk of stream) yield chunk as string;
}

async function* concat(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  if (first) yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of chunks) {
    pending += chunk;
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      yield pending.charCodeAt(nl - 1) === 13 && nl > start ? pending.slice(start, nl - 1) : pending.slice(start, nl);
      start = nl + 1;
    }
    pending = pending.slice(start);
  }
  if (pending) yield pending;
}

function parseLine(line: number, text: string, what = 'line'): InventoryItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'invalid', line, errors: [`${what} ${line} is not valid JSON (truncated or malformed): ${(err as Error).message}`] };
  }
  return classify(line, value, text);
}

export interface OpenOptions {
  /**
   * A cheap test of each record's raw text: records it rejects are neither parsed nor
   * validated nor yielded (for a reader that wants only some records; it must accept
   * every record it might want).
   */
  prefilter?: (text: string) => boolean;
}

/** Opens an inventory: validates its header now, yields its resources lazily. */
export async function openInventory(path: string, options: OpenOptions = {}): Promise<OpenInventory> {
  const wanted = options.prefilter ?? (() => true);
  const chunks = textChunks(await source(path));
  // Read up to the first newline (bounded) to tell an NDJSON header from a JSON document.
  let prefix = '';
  let ended = false;
  while (!prefix.includes('\n') && prefix.length <= MAX_HEADER_LINE) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    prefix += next.value;
  }
  if (prefix.trim() === '' && ended) throw new ParapetError('inventory_empty', `inventory ${path} is empty`);
  const nl = prefix.indexOf('\n');
  const firstLine = nl >= 0 ? prefix.slice(0, nl) : ended ? prefix : undefined;
  let firstValue: unknown;
  try {
    firstValue = firstLine === undefined ? undefined : JSON.parse(firstLine);
  } catch {
    firstValue = undefined;
  }
  const isNdjsonHeader = !!firstValue && typeof firstValue === 'object' && !Array.isArray(firstValue) && !('resources' in firstValue);
  if (isNdjsonHeader) {
    const header = checkHeader(path, firstValue);
    const rest = splitLines(concat(prefix.slice(nl + 1), chunks));
    async function* items(): AsyncGenerator<InventoryItem> {
      let line = 1;
      for await (const text of rest) {
        line++;
        if (text.trim() === '' || !wanted(text)) continue;
        yield parseLine(line, text);
      }
    }
    return { format: 'ndjson', header, items: items() };
  }
  return openDocument(path, readInventoryDocument(concat(prefix, chunks), path), wanted);
}

const HEADER_FIELDS = ['version', 'generated_at', 'sources'];

/**
 * A JSON document, streamed. The header fields normally precede `resources` (Parapet
 * writes them first); when they follow it, a file is read once more to find them
 * first (stdin cannot be, and is refused).
 */
async function openDocument(path: string, events: AsyncGenerator<DocumentEvent>, wanted: (text: string) => boolean): Promise<OpenInventory> {
  const fields: Record<string, unknown> = {};
  let sawResources = false;
  for (let next = await events.next(); !next.done; next = await events.next()) {
    const event = next.value;
    if (event.kind === 'field') {
      if (event.key === 'resources') throw new ParapetError('inventory_invalid_header', `inventory ${path}: the document's resources is not an array`);
      fields[event.key] = event.value;
      continue;
    }
    if (event.kind !== 'resources') continue;
    sawResources = true;
    if (HEADER_FIELDS.every((k) => k in fields)) break;
    if (path === '-') {
      throw new ParapetError('inventory_malformed', `inventory on stdin: a JSON document must put ${HEADER_FIELDS.join(', ')} before resources (or use NDJSON)`);
    }
    // The header follows the resources: find it first, then read the resources again.
    for (let rest = await events.next(); !rest.done; rest = await events.next()) {
      if (rest.value.kind === 'field') fields[rest.value.key] = rest.value.value;
    }
    const header = checkHeader(path, fields);
    async function* reread(): AsyncGenerator<InventoryItem> {
      for await (const e of readInventoryDocument(textChunks(await source(path)), path)) {
        if (e.kind === 'resource' && wanted(e.text)) yield parseLine(e.index, e.text, 'resources element');
      }
    }
    return { format: 'json', header: pickHeader(header), items: reread() };
  }
  if (!sawResources && Object.keys(fields).length === 0) throw new ParapetError('inventory_malformed', `inventory ${path} is neither NDJSON (header on line 1) nor a JSON document`);
  const header = checkHeader(path, fields);
  if (!sawResources) throw new ParapetError('inventory_invalid_header', `inventory ${path}: the document has no resources array`);
  async function* items(): AsyncGenerator<InventoryItem> {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      if (next.value.kind === 'resource' && wanted(next.value.text)) yield parseLine(next.value.index, next.value.text, 'resources element');
    }
  }
  return { format: 'json', header: pickHeader(header), items: items() };
}

function pickHeader(header: InventoryHeader): InventoryHeader {
  const { version, generated_at, sources } = header;
  return { version, generated_at, sources };
}
