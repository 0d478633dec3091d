/**
 * The account-mates the evaluator keeps from pass 1 to the end of a run: the raw JSON
 * text of every resource of a fact type or of an account-scope rule's type, by account
 * and type. In a generated estate they are a quarter of the resources: ~150 MB of text
 * at a million, which on the heap took the scan past 1.5 GiB of RSS. So the texts go
 * to a temporary file as they are read, and come back per (account, type) when an
 * input needs them; memory keeps only their offsets (ids and regions, which
 * account-scope outcomes need, are parsed back from the file when asked for).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What an account-scope outcome needs of a resource besides its text. */
export interface MateRef {
  id: string;
  type: string;
  region: string;
}

/** Byte offset and byte length of each text in the file, as flattened pairs. */
type Spans = number[];

const WRITE_CHUNK = 1 << 20;
/** An account's mates are read back in one piece when they lie within this many bytes. */
const MAX_ACCOUNT_READ = 16 << 20;

export class MateStore {
  private readonly dir = mkdtempSync(join(tmpdir(), 'parapet-mates-'));
  private readonly fd = openSync(join(this.dir, 'mates.ndjson'), 'w+');
  private readonly byAccount = new Map<string, Map<string, Spans>>();
  private pending = '';
  private written = 0;
  private pendingBytes = 0;
  private closed = false;
  /** The last account read back whole: inputs of one account come one after another. */
  private lastAccount?: { account: string; start: number; bytes: Buffer };

  constructor(private readonly options: { maxAccountRead?: number } = {}) {}

  /** Keeps one resource's text (of `type`); `account` is any key that names its account. */
  add(account: string, type: string, text: string): void {
    let byType = this.byAccount.get(account);
    if (!byType) this.byAccount.set(account, (byType = new Map()));
    let spans = byType.get(type);
    if (!spans) byType.set(type, (spans = []));
    const bytes = Buffer.byteLength(text);
    spans.push(this.written + this.pendingBytes, bytes);
    if (this.lastAccount?.account === account) this.lastAccount = undefined;
    // Concatenation also copies the text out of the reader's buffer, which a kept slice would pin.
    this.pending += text;
    this.pendingBytes += bytes;
    if (this.pendingBytes >= WRITE_CHUNK) this.flush();
  }

  /** The texts of one account's resources of `type`, in the order they were added. */
  texts(account: string, type: string): string[] {
    const spans = this.byAccount.get(account)?.get(type);
    if (!spans) return [];
    this.flush();
    const whole = this.accountBytes(account);
    const out: string[] = [];
    if (whole) {
      for (let i = 0; i < spans.length; i += 2) out.push(whole.bytes.toString('utf8', spans[i]! - whole.start, spans[i]! - whole.start + spans[i + 1]!));
      return out;
    }
    // Texts written one after another are read back with one read.
    for (let i = 0; i < spans.length; ) {
      const start = spans[i]!;
      let end = start + spans[i + 1]!;
      let j = i + 2;
      while (j < spans.length && spans[j] === end) {
        end += spans[j + 1]!;
        j += 2;
      }
      const buf = this.read(start, end);
      for (let at = 0; i < j; i += 2) {
        out.push(buf.toString('utf8', at, at + spans[i + 1]!));
        at += spans[i + 1]!;
      }
    }
    return out;
  }

  /**
   * All of one account's mates as one read, when they lie close together in the file (an
   * inventory ordered by account, as collectors write them); undefined otherwise.
   */
  private accountBytes(account: string): { start: number; bytes: Buffer } | undefined {
    if (this.lastAccount?.account === account) return this.lastAccount;
    let start = Infinity;
    let end = 0;
    for (const spans of this.byAccount.get(account)?.values() ?? []) {
      for (let i = 0; i < spans.length; i += 2) {
        start = Math.min(start, spans[i]!);
        end = Math.max(end, spans[i]! + spans[i + 1]!);
      }
    }
    if (end - start > (this.options.maxAccountRead ?? MAX_ACCOUNT_READ)) return undefined;
    this.lastAccount = { account, start, bytes: this.read(start, end) };
    return this.lastAccount;
  }

  private read(start: number, end: number): Buffer {
    const buf = Buffer.allocUnsafe(end - start);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(this.fd, buf, got, buf.length - got, start + got);
      if (n === 0) throw new Error(`account-mates file ended at ${start + got} of ${end}`);
      got += n;
    }
    return buf;
  }

  /** `{"<type>": [<resource>…], …}` for the given types of one account. */
  typesJson(account: string, types: Iterable<string>): string {
    const parts: string[] = [];
    for (const t of types) parts.push(`${JSON.stringify(t)}:[${this.texts(account, t).join(',')}]`);
    return `{${parts.join(',')}}`;
  }

  /** Id, type and region of one account's resources of the given types (each text parsed again). */
  refs(account: string, types: Iterable<string>): MateRef[] {
    const out: MateRef[] = [];
    for (const type of types) {
      for (const text of this.texts(account, type)) {
        const { id, region } = JSON.parse(text) as MateRef;
        out.push({ id, type, region });
      }
    }
    return out;
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const bytes = Buffer.from(this.pending, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
    this.written += bytes.length;
    this.pending = '';
    this.pendingBytes = 0;
  }

  /** Closes and deletes the file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
