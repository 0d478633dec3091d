/**
 * Streams an inventory to disk. The resources go to a temporary body file as
 * they arrive; `finish()` writes the header (whose `sources` are only known at
 * the end) into a second temporary file, appends the body, and renames it over
 * the destination. A killed collection leaves the destination untouched.
 *
 * `.json` destinations get a JSON document, anything else NDJSON (one header
 * line, then one resource a line).
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { ParapetError } from '../../common/errors.js';
import { INVENTORY_VERSION, type InventoryHeader, type Resource, type Source } from '../schema/inventory.js';

export type InventoryFormat = 'ndjson' | 'json';

export interface FinishedInventory {
  path: string;
  format: InventoryFormat;
  resources: number;
  header: InventoryHeader;
}

export function formatForPath(path: string): InventoryFormat {
  return /\.json$/i.test(path) ? 'json' : 'ndjson';
}

export class InventoryWriter {
  readonly path: string;
  readonly format: InventoryFormat;
  private readonly bodyPath: string;
  private readonly body: WriteStream;
  private written = 0;
  private closed = false;

  private constructor(path: string, format: InventoryFormat) {
    this.path = path;
    this.format = format;
    this.bodyPath = tempSibling(path, 'body');
    this.body = createWriteStream(this.bodyPath, { flags: 'wx' });
    // Kept for write()/finish() to report; an aborted writer's late errors are expected and dropped.
    this.body.on('error', (err) => { this.failure ??= err; });
  }

  private failure: Error | undefined;

  /** Opens a writer for `path` (its folder is created when missing). */
  static async open(path: string, format: InventoryFormat = formatForPath(path)): Promise<InventoryWriter> {
    let writer: InventoryWriter;
    try {
      await mkdir(dirname(path), { recursive: true });
      writer = new InventoryWriter(path, format);
      await once(writer.body, 'open');
    } catch (err) {
      throw new ParapetError('inventory_write_failed', `cannot write the inventory beside ${path}: ${(err as Error).message}`, { cause: err });
    }
    return writer;
  }

  get count(): number {
    return this.written;
  }

  /** Appends one resource; waits when the disk is behind, so memory stays flat. */
  async write(resource: Resource): Promise<void> {
    if (this.closed) throw new ParapetError('inventory_closed', `the inventory ${this.path} is already finished`);
    if (this.failure) throw new ParapetError('inventory_write_failed', `cannot write the inventory beside ${this.path}: ${this.failure.message}`, { cause: this.failure });
    const line = JSON.stringify(resource);
    const chunk = this.format === 'ndjson' ? line + '\n' : (this.written === 0 ? '\n' : ',\n') + line;
    this.written++;
    if (!this.body.write(chunk)) await once(this.body, 'drain');
  }

  /** Puts the header in front of the body and moves the result into place. */
  async finish(sources: Source[], generatedAt: Date = new Date()): Promise<FinishedInventory> {
    if (this.closed) throw new ParapetError('inventory_closed', `the inventory ${this.path} is already finished`);
    this.closed = true;
    const header: InventoryHeader = { version: INVENTORY_VERSION, generated_at: generatedAt.toISOString(), sources };
    const finalTemp = tempSibling(this.path, 'final');
    try {
      if (this.failure) throw this.failure;
      this.body.end();
      await once(this.body, 'finish');
      const out = createWriteStream(finalTemp, { flags: 'wx' });
      if (this.format === 'ndjson') {
        out.write(JSON.stringify(header) + '\n');
      } else {
        const head = JSON.stringify(header);
        out.write(head.slice(0, -1) + ',"resources":[');
      }
      await pipeline(createReadStream(this.bodyPath), out, { end: false });
      out.end(this.format === 'json' ? (this.written ? '\n]}\n' : ']}\n') : '');
      await once(out, 'finish');
      await rename(finalTemp, this.path);
    } catch (err) {
      await rm(finalTemp, { force: true });
      throw new ParapetError('inventory_write_failed', `cannot write the inventory ${this.path}: ${(err as Error).message}`, { cause: err });
    } finally {
      await rm(this.bodyPath, { force: true });
    }
    return { path: this.path, format: this.format, resources: this.written, header };
  }

  /** Drops what was written; the destination is left as it was. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.body.destroyed) {
      const closed = once(this.body, 'close');
      this.body.destroy();
      await closed.catch(() => undefined); // a write still in flight fails with the destroy: expected
    }
    await rm(this.bodyPath, { force: true });
  }
}

function tempSibling(path: string, what: string): string {
  return join(dirname(path), `.${basename(path)}.${what}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}
