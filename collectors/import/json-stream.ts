/**
 * Reads a file of JSON values (one document, or NDJSON / a JSON text
 * sequence) without holding large arrays in memory: a top-level object is
 * parsed whole when it is small, and otherwise walked field by field, with the
 * arrays at the requested paths (e.g. `configurationItems`, `data.rows`)
 * yielded one element at a time.
 */
import { ParapetError } from '../../common/errors.js';

export type JsonEvent =
  /** A whole top-level value (an NDJSON line, or a small document). */
  | { kind: 'doc'; value: unknown }
  /** A top-level object too large to parse whole begins / ends. */
  | { kind: 'start' }
  | { kind: 'end' }
  /** A field of a large top-level object (dotted path), other than the streamed arrays. */
  | { kind: 'field'; path: string; value: unknown }
  /** One element of a streamed array (path `''` for a top-level array). */
  | { kind: 'item'; path: string; value: unknown };

export interface JsonStreamOptions {
  /** Dotted paths of arrays to stream (inside a large top-level object). */
  arrays: ReadonlySet<string>;
  /** A top-level value up to this many characters is parsed whole. */
  wholeLimit?: number;
  /** For error messages. */
  label?: string;
}

const STRUCTURAL = /["{}[\]]/g;
const WHITESPACE = /[^ \t\n\r]/g;

class Scanner {
  buf = '';
  pos = 0;
  done = false;
  constructor(private readonly it: AsyncIterator<string>, private readonly label: string) {}

  /** Reads one more chunk; false at the end of the input. */
  async fill(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) { this.done = true; return false; }
    this.buf += r.value;
    return true;
  }

  compact(): void {
    if (this.pos > 1 << 20) { this.buf = this.buf.slice(this.pos); this.pos = 0; }
  }

  fail(what: string): never {
    const near = this.buf.slice(this.pos, this.pos + 40).replace(/\s+/g, ' ');
    throw new ParapetError('import_invalid_json', `${this.label}: ${what} near "${near}"`);
  }

  /** Skips whitespace; returns the next character, or undefined at the end. */
  async peek(): Promise<string | undefined> {
    for (;;) {
      WHITESPACE.lastIndex = this.pos;
      const m = WHITESPACE.exec(this.buf);
      if (m) { this.pos = m.index; return m[0]; }
      this.pos = this.buf.length;
      if (!(await this.fill())) return undefined;
    }
  }

  async expect(ch: string): Promise<void> {
    if ((await this.peek()) !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  /** The end (exclusive) of the string whose opening quote is at `from`. */
  private async stringEnd(from: number): Promise<number> {
    let j = from + 1;
    for (;;) {
      const k = this.buf.indexOf('"', j);
      if (k < 0) {
        j = this.buf.length;
        if (!(await this.fill())) this.fail('unterminated string');
        continue;
      }
      let slashes = 0;
      for (let b = k - 1; this.buf.charCodeAt(b) === 92; b--) slashes++;
      if (slashes % 2 === 0) return k + 1;
      j = k + 1;
    }
  }

  /**
   * The end (exclusive) of the value starting at `pos`, reading more input as
   * needed; -1 when it runs past `limit` characters (nothing is consumed).
   */
  async valueEnd(limit = Infinity): Promise<number> {
    const start = this.pos;
    const first = this.buf[start];
    if (first === '"') return this.stringEnd(start);
    if (first !== '{' && first !== '[') {
      for (;;) {
        const m = /[,\]}\s]/g;
        m.lastIndex = start;
        const hit = m.exec(this.buf);
        if (hit) return hit.index;
        if (!(await this.fill())) return this.buf.length;
      }
    }
    let depth = 0;
    let j = start;
    for (;;) {
      if (j - start > limit) return -1;
      STRUCTURAL.lastIndex = j;
      const m = STRUCTURAL.exec(this.buf);
      if (!m) {
        j = this.buf.length;
        if (!(await this.fill())) this.fail('unexpected end of input');
        continue;
      }
      const c = m[0];
      if (c === '"') { j = await this.stringEnd(m.index); continue; }
      depth += c === '{' || c === '[' ? 1 : -1;
      if (depth === 0) return m.index + 1;
      j = m.index + 1;
    }
  }

  async readValue(): Promise<unknown> {
    const end = await this.valueEnd();
    const text = this.buf.slice(this.pos, end);
    this.pos = end;
    try {
      return JSON.parse(text);
    } catch (err) {
      this.pos -= text.length;
      this.fail(`invalid JSON (${(err as Error).message})`);
    }
  }
}

export async function* readJsonValues(chunks: AsyncIterable<string>, options: JsonStreamOptions): AsyncGenerator<JsonEvent> {
  const scanner = new Scanner(chunks[Symbol.asyncIterator](), options.label ?? 'input');
  const wholeLimit = options.wholeLimit ?? 4 << 20;
  const prefixes = new Set<string>();
  for (const p of options.arrays) {
    const parts = p.split('.');
    for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join('.'));
  }

  async function* array(path: string): AsyncGenerator<JsonEvent> {
    await scanner.expect('[');
    for (let first = true; ; first = false) {
      let c = await scanner.peek();
      if (c === ']') { scanner.pos++; return; }
      if (!first) {
        if (c !== ',') scanner.fail('expected "," or "]"');
        scanner.pos++;
        c = await scanner.peek();
      }
      if (c === undefined) scanner.fail('unexpected end of input');
      scanner.compact();
      yield { kind: 'item', path, value: await scanner.readValue() };
    }
  }

  async function* object(prefix: string): AsyncGenerator<JsonEvent> {
    await scanner.expect('{');
    for (let first = true; ; first = false) {
      let c = await scanner.peek();
      if (c === '}') { scanner.pos++; return; }
      if (!first) {
        if (c !== ',') scanner.fail('expected "," or "}"');
        scanner.pos++;
        c = await scanner.peek();
      }
      if (c !== '"') scanner.fail('expected a field name');
      const key = (await scanner.readValue()) as string;
      await scanner.expect(':');
      const path = prefix ? `${prefix}.${key}` : key;
      const next = await scanner.peek();
      scanner.compact();
      if (options.arrays.has(path) && next === '[') yield* array(path);
      else if (prefixes.has(path) && next === '{') yield* object(path);
      else yield { kind: 'field', path, value: await scanner.readValue() };
    }
  }

  for (;;) {
    const c = await scanner.peek();
    if (c === undefined) return;
    scanner.compact();
    if (c === '[') {
      yield* array('');
      continue;
    }
    if (c !== '{') scanner.fail('expected a JSON object or array');
    const end = await scanner.valueEnd(wholeLimit);
    if (end >= 0) {
      yield { kind: 'doc', value: await scanner.readValue() };
      continue;
    }
    yield { kind: 'start' };
    yield* object('');
    yield { kind: 'end' };
  }
}
