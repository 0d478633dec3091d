/**
 * Streams a `parapet.inventory/v1` JSON document (`{version, generated_at, sources,
 * resources: [...]}`) without holding it: a small state machine over text chunks that
 * yields the header fields as parsed values and each element of `resources` as its raw
 * JSON text (the caller parses it; raw text keeps integers beyond 2^53 exact for the
 * evaluator). Only one element (and one chunk) is held at a time.
 */
import { ParapetError } from '../../common/errors.js';

export type DocumentEvent =
  | { kind: 'field'; key: string; value: unknown }
  /** The `resources` array begins. */
  | { kind: 'resources' }
  /** One element of `resources`, 1-based, as raw text (bracketed, not yet parsed). */
  | { kind: 'resource'; index: number; text: string };

/** A header field larger than this is refused (header fields are small; resources stream). */
const MAX_FIELD_CHARS = 64 * 1024 * 1024;
const STRUCTURAL = /["{}[\]]/g;
const NON_WS = /[^ \t\n\r]/g;
const SCALAR_END = /[,\]}\s]/g;

class Scanner {
  private buf = '';
  pos = 0;
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<string>, private readonly label: string) {}

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    // Drop what has been consumed before appending, so the buffer holds about one value.
    if (this.pos > 0) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
    this.buf += next.value;
    return true;
  }

  fail(what: string): never {
    throw new ParapetError('inventory_malformed', `inventory ${this.label} is not a valid JSON document: ${what}`);
  }

  /** The next non-whitespace character (not consumed), or undefined at the end. */
  async peek(): Promise<string | undefined> {
    for (;;) {
      NON_WS.lastIndex = this.pos;
      const m = NON_WS.exec(this.buf);
      if (m) {
        this.pos = m.index;
        return m[0];
      }
      this.pos = this.buf.length;
      if (!(await this.fill())) return undefined;
    }
  }

  async expect(ch: string, where: string): Promise<void> {
    const c = await this.peek();
    if (c === undefined) this.fail(`it ends ${where} (truncated)`);
    if (c !== ch) this.fail(`expected "${ch}" ${where}, found "${c}"`);
    this.pos++;
  }

  /** Index just past the string whose quote is at `from`; reads more input as needed. */
  private async stringEnd(from: number, where: string): Promise<number> {
    let j = from + 1;
    for (;;) {
      const k = this.buf.indexOf('"', j);
      if (k < 0) {
        // fill() may shift the buffer: keep positions relative to `pos`.
        const rel = from - this.pos;
        const relJ = this.buf.length - this.pos;
        if (!(await this.fill())) this.fail(`it ends inside a string ${where} (truncated)`);
        from = this.pos + rel;
        j = this.pos + relJ;
        continue;
      }
      let slashes = 0;
      for (let b = k - 1; this.buf.charCodeAt(b) === 92; b--) slashes++;
      if (slashes % 2 === 0) return k + 1;
      j = k + 1;
    }
  }

  /** The raw text of the value starting at `pos` (consumed). */
  async take(where: string, limit = Infinity): Promise<string> {
    const start = this.pos;
    const first = this.buf[start];
    let end: number;
    if (first === '"') end = await this.stringEnd(start, where);
    else if (first !== '{' && first !== '[') {
      for (;;) {
        SCALAR_END.lastIndex = this.pos;
        const m = SCALAR_END.exec(this.buf);
        if (m) {
          end = m.index;
          break;
        }
        if (!(await this.fill())) {
          end = this.buf.length;
          break;
        }
      }
    } else {
      let depth = 0;
      let j = start;
      for (;;) {
        if (j - this.pos > limit) this.fail(`a value ${where} exceeds ${limit} characters`);
        STRUCTURAL.lastIndex = j;
        const m = STRUCTURAL.exec(this.buf);
        if (!m) {
          const rel = this.buf.length - this.pos;
          if (!(await this.fill())) this.fail(`it ends ${where} (truncated)`);
          j = this.pos + rel;
          continue;
        }
        if (m[0] === '"') {
          j = await this.stringEnd(m.index, where);
          continue;
        }
        depth += m[0] === '{' || m[0] === '[' ? 1 : -1;
        j = m.index + 1;
        if (depth === 0) {
          end = j;
          break;
        }
      }
    }
    const text = this.buf.slice(this.pos, end);
    this.pos = end;
    return text;
  }
}

/** The events of one JSON document, in document order. Structural errors throw `inventory_malformed`. */
export async function* readInventoryDocument(chunks: AsyncIterable<string>, label: string): AsyncGenerator<DocumentEvent> {
  const s = new Scanner(chunks[Symbol.asyncIterator](), label);
  await s.expect('{', 'at the start');
  for (let first = true; ; first = false) {
    let c = await s.peek();
    if (c === '}') {
      s.pos++;
      break;
    }
    if (!first) {
      if (c !== ',') c === undefined ? s.fail('it ends inside the top-level object (truncated)') : s.fail(`expected "," or "}" between fields, found "${c}"`);
      s.pos++;
      c = await s.peek();
    }
    if (c !== '"') c === undefined ? s.fail('it ends inside the top-level object (truncated)') : s.fail(`expected a field name, found "${c}"`);
    const key = JSON.parse(await s.take('in a field name')) as string;
    await s.expect(':', `after the field "${key}"`);
    if ((await s.peek()) === undefined) s.fail(`it ends after the field "${key}" (truncated)`);
    if (key === 'resources' && (await s.peek()) === '[') {
      s.pos++;
      yield { kind: 'resources' };
      for (let index = 1; ; index++) {
        let e = await s.peek();
        if (e === ']') {
          s.pos++;
          break;
        }
        if (index > 1) {
          if (e !== ',') e === undefined ? s.fail(`it ends inside resources after element ${index - 1} (truncated)`) : s.fail(`expected "," or "]" after resources element ${index - 1}, found "${e}"`);
          s.pos++;
          e = await s.peek();
        }
        if (e === undefined) s.fail(`it ends inside resources after element ${index - 1} (truncated)`);
        yield { kind: 'resource', index, text: await s.take(`in resources element ${index}`) };
      }
      continue;
    }
    const text = await s.take(`in the field "${key}"`, MAX_FIELD_CHARS);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      s.fail(`the field "${key}" is not valid JSON: ${(err as Error).message}`);
    }
    yield { kind: 'field', key, value };
  }
  if ((await s.peek()) !== undefined) s.fail('there is more text after the top-level object');
}
