/**
 * Decision logging off the hot path: requests append to an in-memory buffer that
 * is written to the store in small batches (every `flushMs`, or sooner when
 * `batchSize` entries wait), yielding to requests between batches; the store
 * masks inputs as it writes. Retention prunes
 * by age and row count on a timer. `close()` writes what is left.
 */
import type { DecisionLog, DecisionLogRepository } from '../store/decisions.js';

export interface DecisionLogOptions {
  flushMs?: number;
  batchSize?: number;
  /** Entries kept while the store is slow or down; the oldest are dropped beyond it. */
  maxBuffered?: number;
  retention?: { maxAgeMs?: number; maxRows?: number; intervalMs?: number };
  onError?: (err: unknown, what: string) => void;
}

export class DecisionLogger {
  private buffer: DecisionLog[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private running = false;
  private readonly flushTimer: NodeJS.Timeout;
  private readonly pruneTimer?: NodeJS.Timeout;
  private readonly batchSize: number;
  private readonly maxBuffered: number;
  dropped = 0;

  constructor(
    private readonly repo: Pick<DecisionLogRepository, 'record' | 'prune'>,
    private readonly options: DecisionLogOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 250;
    this.maxBuffered = options.maxBuffered ?? 100_000;
    this.flushTimer = setInterval(() => void this.flush(), options.flushMs ?? 500);
    this.flushTimer.unref();
    const retention = options.retention;
    if (retention && (retention.maxAgeMs !== undefined || retention.maxRows !== undefined)) {
      this.pruneTimer = setInterval(() => void this.prune(), retention.intervalMs ?? 60_000);
      this.pruneTimer.unref();
    }
  }

  log(entry: DecisionLog): void {
    this.buffer.push(entry);
    if (this.buffer.length > this.maxBuffered) {
      this.dropped += this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, this.buffer.length - this.maxBuffered);
    }
    if (this.buffer.length >= this.batchSize) void this.flush();
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered so far; resolves when it is in the store. */
  flush(): Promise<void> {
    // A running flush drains the buffer until it is empty, entries added meanwhile included.
    if (this.running) return this.flushing;
    this.running = true;
    this.flushing = this.flushing.then(async () => {
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.batchSize);
        try {
          await this.repo.record(batch);
          // SQLite writes block the event loop: let requests in between batches.
          await new Promise((resolve) => setImmediate(resolve));
        } catch (err) {
          this.options.onError?.(err, `writing ${batch.length} decision logs`);
          this.buffer.unshift(...batch);
          return;
        }
      }
    }).finally(() => {
      this.running = false;
    });
    return this.flushing;
  }

  /** Applies the retention bounds now; how many rows went. */
  async prune(): Promise<number> {
    const r = this.options.retention;
    if (!r) return 0;
    try {
      await this.flush();
      return await this.repo.prune({ maxAgeMs: r.maxAgeMs, maxRows: r.maxRows });
    } catch (err) {
      this.options.onError?.(err, 'pruning decision logs');
      return 0;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.flush();
  }
}
